import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { applyEdits } from '../../rules/text';
import type { FileKind, Finding, LocalFix } from '../../rules/types';
import { parseYaml } from '../../rules/yaml/parse';
import { requireCorpus } from '../support/requirements';
import { commentsOf, lintText, streamChanges, type Change } from './support';

const KINDS: readonly FileKind[] = ['kubernetes', 'compose', 'kustomize', 'helm-values'];
const COUNTS_FILE = join(__dirname, 'corpus-counts.json');
/** Set to re-record corpus-counts.json after a deliberate change; the diff then shows what moved. */
const RECORD = process.env.DRIFTLESS_RECORD_COUNTS === '1';

type Counts = Record<string, { files: number; findings: Record<string, number> }>;

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

interface Linted {
  file: string;
  text: string;
  kind: FileKind | undefined;
  findings: Finding[];
}

let linted: Linted[] | undefined;

async function lintCorpus(dir: string): Promise<Linted[]> {
  if (linted) return linted;
  const out: Linted[] = [];
  for (const file of yamlFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    parseYaml(text);
    const result = await lintText(file, text);
    out.push({ file: relative(dir, file), text, kind: result.kind, findings: result.findings });
  }
  linted = out;
  return out;
}

test('corpus: every YAML file parses and lints without an exception; finding counts per kind and rule match the record', async (t) => {
  const dir = requireCorpus(t);
  if (!dir) return;
  const counts: Counts = {};
  for (const { kind, findings } of await lintCorpus(dir)) {
    if (!kind || !KINDS.includes(kind)) continue;
    const entry = (counts[kind] ??= { files: 0, findings: {} });
    entry.files++;
    for (const f of findings) entry.findings[f.rule] = (entry.findings[f.rule] ?? 0) + 1;
  }
  const sorted: Counts = Object.fromEntries(
    KINDS.filter((k) => counts[k]).map((k) => [k, { files: counts[k].files, findings: Object.fromEntries(Object.entries(counts[k].findings).sort()) }]),
  );
  if (RECORD || !existsSync(COUNTS_FILE)) {
    writeFileSync(COUNTS_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
    assert.ok(RECORD, `recorded ${COUNTS_FILE} for the first time: commit it (it is the baseline)`);
  }
  assert.deepEqual(sorted, JSON.parse(readFileSync(COUNTS_FILE, 'utf8')));
});

/** What a local fix of ours may change: one key added or set, nothing else. */
function isExpectedChange(change: Change): boolean {
  const key = change.path.slice(change.path.lastIndexOf('.') + 1);
  const readOnly = { readOnlyRootFilesystem: true };
  if (change.kind === 'added') {
    return (
      ((key === 'immutable' || key === 'readOnlyRootFilesystem') && change.after === true) ||
      (key === 'securityContext' && JSON.stringify(change.after) === JSON.stringify(readOnly))
    );
  }
  if (change.kind === 'changed') {
    return (
      ((key === 'immutable' || key === 'readOnlyRootFilesystem') && change.before === false && change.after === true) ||
      (key === 'securityContext' && change.before === null && JSON.stringify(change.after) === JSON.stringify(readOnly))
    );
  }
  return false;
}

test('corpus: every local fix, applied to its file, re-parses to the same documents plus exactly its key, every comment kept', async (t) => {
  const dir = requireCorpus(t);
  if (!dir) return;
  let applied = 0;
  for (const { file, text, kind, findings } of await lintCorpus(dir)) {
    if (!kind || !KINDS.includes(kind)) continue;
    const fixes = findings.flatMap((f) => f.fixes.filter((x): x is LocalFix => x.kind === 'local'));
    if (fixes.length === 0) continue;
    const fixed = applyEdits(text, fixes.flatMap((f) => f.edits));
    const changes = streamChanges(text, fixed);
    const unexpected = changes.filter((c) => !isExpectedChange(c));
    assert.deepEqual(unexpected, [], `${file}: a fix changed more than its key`);
    assert.equal(changes.length, fixes.length, `${file}: ${fixes.length} fixes but ${changes.length} changes`);
    assert.deepEqual(commentsOf(fixed), commentsOf(text), `${file}: comments changed`);
    const again = await lintText(join(dir, file), fixed);
    const fixedRules = new Set(['writable-root-filesystem', 'mutable-configmap']);
    const left = again.findings.filter((f) => fixedRules.has(f.rule) && f.fixes.some((x) => x.kind === 'local'));
    assert.deepEqual(left.map((f) => `${f.rule} ${f.range.start.line + 1}`), [], `${file}: findings left after their fixes`);
    applied += fixes.length;
  }
  assert.ok(applied > 0, 'the corpus produced no local fixes to check');
});
