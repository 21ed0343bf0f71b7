import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, test } from 'node:test';
import { lint } from '../../rules/engine';
import { applyEdits } from '../../rules/text';
import type { LocalFix } from '../../rules/types';
import { requireCorpus } from '../support/requirements';
import { load, ready } from './support';

before(ready);

const SNAPSHOT = join(__dirname, 'corpus-counts.json');

/** The corpus folders MANIFEST.md lists with Ansible YAML in them. */
function ansibleFolders(corpus: string): string[] {
  const manifest = readFileSync(join(corpus, 'MANIFEST.md'), 'utf8');
  const folders: string[] = [];
  for (const line of manifest.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const folder = /^([\w.-]+)\/$/.exec(cells[1] ?? '');
    if (folder && Number(cells[7]) > 0) folders.push(folder[1]);
  }
  return folders;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/i.test(name)) out.push(full);
  }
  return out;
}

const probeFor = { exists: (p: string) => existsSync(p) };

test('the Ansible YAML of the corpus: no exceptions, per-rule counts as recorded, every local fix re-parses', (t) => {
  const corpus = requireCorpus(t);
  if (!corpus) return;
  const folders = ansibleFolders(corpus);
  assert.ok(folders.length > 0, 'MANIFEST.md lists folders with Ansible YAML');
  const counts: Record<string, number> = { files: 0, ansibleFiles: 0 };
  let fixesApplied = 0;
  for (const folder of folders) {
    for (const full of yamlFiles(join(corpus, folder))) {
      const path = relative(corpus, full);
      const text = readFileSync(full, 'utf8');
      counts.files++;
      const result = lint({ path, text }, { probe: probeFor });
      if (result.kind !== 'ansible') continue;
      counts.ansibleFiles++;
      for (const finding of result.findings) {
        counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
        for (const fix of finding.fixes.filter((f): f is LocalFix => f.kind === 'local')) {
          const fixed = applyEdits(text, fix.edits);
          load(fixed);
          const after = lint({ path, text: fixed }, { probe: probeFor });
          assert.equal(after.kind, 'ansible', `${path}: still Ansible after "${fix.title}"`);
          const before = result.findings.filter((f) => f.rule === finding.rule).length;
          assert.equal(after.findings.filter((f) => f.rule === finding.rule).length, before - 1, `${path}: "${fix.title}" removes its finding`);
          fixesApplied++;
        }
      }
    }
  }
  counts.localFixesApplied = fixesApplied;
  if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(sortKeys(counts), null, 2)}\n`);
  assert.deepEqual(sortKeys(counts), JSON.parse(readFileSync(SNAPSHOT, 'utf8')), 'per-rule counts (UPDATE_SNAPSHOTS=1 re-records them)');
});

test('nothing outside the Ansible sources of the corpus is claimed as Ansible', (t) => {
  const corpus = requireCorpus(t);
  if (!corpus) return;
  const ansible = new Set(ansibleFolders(corpus));
  const claimed: string[] = [];
  for (const folder of readdirSync(corpus).filter((d) => !ansible.has(d) && statSync(join(corpus, d)).isDirectory())) {
    for (const full of yamlFiles(join(corpus, folder))) {
      const path = relative(corpus, full);
      if (lint({ path, text: readFileSync(full, 'utf8') }, { probe: probeFor }).kind === 'ansible') claimed.push(path);
    }
  }
  assert.deepEqual(claimed, []);
});

function sortKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
