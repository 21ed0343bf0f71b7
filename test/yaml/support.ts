import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { initEngine, lint, type LintResult } from '../../rules/engine';
import type { FileProbe, Finding } from '../../rules/types';
import { parseYaml } from '../../rules/yaml/parse';
import { applyFix } from '../support/fixes';
import { localFix } from '../support/findings';
import { REPO_ROOT } from '../support/requirements';

export { localFix } from '../support/findings';
export { applyFix } from '../support/fixes';

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'yaml');

export const diskProbe: FileProbe = {
  exists: existsSync,
  read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
};

/** Answers from the given files only (absolute path -> text). */
export function probeOf(files: Record<string, string>): FileProbe {
  return { exists: (path) => path in files, read: (path) => files[path] };
}

export function fixture(relative: string): { path: string; text: string } {
  const path = join(FIXTURES, relative);
  return { path, text: readFileSync(path, 'utf8') };
}

export async function lintText(path: string, text: string, probe: FileProbe = diskProbe): Promise<LintResult & { text: string }> {
  await initEngine();
  return { ...lint({ path, text }, { probe }), text };
}

export async function lintFixture(relative: string): Promise<LintResult & { text: string }> {
  const { path, text } = fixture(relative);
  return lintText(path, text);
}

/** The text a finding's span covers. */
export function spanText(text: string, finding: Finding): string {
  return text.slice(finding.span.start, finding.span.end);
}

export function byRule(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

export type YamlValue = unknown;

export interface Change {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: YamlValue;
  after?: YamlValue;
}

/** Every document of a stream as plain data. */
export function documentsOf(text: string, templates = false): YamlValue[] {
  if (templates) return parseYaml(text, { templates: 'auto', path: 'templates/x.yaml' }).documents.map((d) => d.toJS());
  return parseAllDocuments(text).map((d) => {
    assert.deepEqual(d.errors, [], `re-parse errors: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS({ maxAliasCount: 1000 });
  });
}

/** The differences between two documents' data, as paths. */
export function changesBetween(before: YamlValue, after: YamlValue, path = ''): Change[] {
  if (Object.is(before, after)) return [];
  const isObject = (v: YamlValue): v is Record<string, YamlValue> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => changesBetween(b, after[i], `${path}[${i}]`));
  }
  if (isObject(before) && isObject(after)) {
    const out: Change[] = [];
    for (const key of Object.keys(before)) {
      if (!(key in after)) out.push({ path: `${path}.${key}`, kind: 'removed', before: before[key] });
      else out.push(...changesBetween(before[key], after[key], `${path}.${key}`));
    }
    for (const key of Object.keys(after)) if (!(key in before)) out.push({ path: `${path}.${key}`, kind: 'added', after: after[key] });
    return out;
  }
  return [{ path, kind: 'changed', before, after }];
}

/** The stream's changes, document by document; the document count must not change. */
export function streamChanges(before: string, after: string, templates = false): Change[] {
  const a = documentsOf(before, templates);
  const b = documentsOf(after, templates);
  assert.equal(b.length, a.length, 'document count changed');
  return a.flatMap((doc, i) => changesBetween(doc, b[i], `#${i}`));
}

/** Comment texts in order: a fix must keep every one. */
export function commentsOf(text: string): string[] {
  return parseYaml(text).comments.map((c) => c.text);
}

/** Findings as `rule line:col "span text"`, sorted as the engine sorts them, for readable assertions. */
export function summarize(result: { findings: readonly Finding[]; text: string }): string[] {
  return result.findings.map((f) => `${f.rule} ${f.range.start.line + 1}:${f.range.start.character + 1} ${JSON.stringify(spanText(result.text, f))}`);
}

/** Applies a finding's local fix and checks the result: it re-parses to the same documents plus the expected changes, keeps every comment, and the finding is gone. */
export async function checkFix(path: string, text: string, finding: Finding, expected: Change[], templates = false): Promise<string> {
  const fixed = applyFix(text, localFix(finding));
  assert.deepEqual(streamChanges(text, fixed, templates), expected);
  assert.deepEqual(commentsOf(fixed), commentsOf(text));
  const again = await lintText(path, fixed);
  assert.ok(
    !again.findings.some((f) => f.rule === finding.rule && f.range.start.line === finding.range.start.line),
    `${finding.rule} still reported on line ${finding.range.start.line + 1} after its fix`,
  );
  return fixed;
}
