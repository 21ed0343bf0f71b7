import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { initEngine, lint } from '../../rules/engine';
import { applyEdits } from '../../rules/text';
import type { Facts, Finding, LocalFix } from '../../rules/types';
import { REPO_ROOT } from '../support/requirements';

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'ansible');

export const ready = () => initEngine();

export function fixture(relative: string): { path: string; text: string } {
  return { path: join('test/fixtures/ansible', relative), text: readFileSync(join(FIXTURES, relative), 'utf8') };
}

export interface Linted {
  kind: string | undefined;
  findings: Finding[];
  facts: Facts | undefined;
  text: string;
  path: string;
}

export function lintText(path: string, text: string): Linted {
  const result = lint({ path, text });
  return { ...result, text, path };
}

export function lintFixture(relative: string): Linted {
  const { path, text } = fixture(relative);
  return lintText(path, text);
}

export const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

/** `rule@"covered text"` for each finding, in file order. */
export function summary(linted: Linted, rule?: string): string[] {
  return linted.findings.filter((f) => !rule || f.rule === rule).map((f) => `${f.rule}@${at(linted.text, f.span)}`);
}

export function only(linted: Linted, rule: string, covered: string): Finding {
  const matches = linted.findings.filter((f) => f.rule === rule && at(linted.text, f.span) === covered);
  assert.equal(matches.length, 1, `one ${rule} finding on ${JSON.stringify(covered)}; have ${JSON.stringify(summary(linted))}`);
  return matches[0];
}

export function localFix(finding: Finding): LocalFix {
  const fix = finding.fixes.find((f): f is LocalFix => f.kind === 'local');
  assert.ok(fix, `${finding.rule} offers a local fix`);
  return fix;
}

/** The JavaScript value of every document; throws when the YAML no longer loads cleanly. */
export function load(text: string): unknown[] {
  const docs = parseAllDocuments(text);
  for (const doc of docs) assert.deepEqual(doc.errors, [], `the fixed YAML parses:\n${text}`);
  return docs.map((d) => d.toJS());
}

type Json = unknown;

/** Deletes the task named `name` wherever it sits in a play / block / task list. */
export function withoutTask(value: Json, name: string): Json {
  if (Array.isArray(value)) {
    return value
      .filter((item) => !(item && typeof item === 'object' && (item as Record<string, unknown>).name === name))
      .map((item) => withoutTask(item, name));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutTask(v, name)]));
  }
  return value;
}

/** Applies a fix: the result loads, the finding is gone, and the file re-lints. */
export function applyFix(linted: Linted, finding: Finding, fix: LocalFix = localFix(finding)): Linted {
  const text = applyEdits(linted.text, fix.edits);
  load(text);
  const after = lintText(linted.path, text);
  const sameRule = after.findings.filter((f) => f.rule === finding.rule);
  assert.equal(sameRule.length, linted.findings.filter((f) => f.rule === finding.rule).length - 1, `${finding.rule} finding gone after "${fix.title}"`);
  return after;
}
