import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { initEngine, lint } from '../../rules/engine';
import type { FileProbe, Finding, LocalFix } from '../../rules/types';
import { applyFix as fixedText } from '../support/fixes';
import { localFix, type Linted } from '../support/findings';
import { REPO_ROOT } from '../support/requirements';

export { at, localFix, only, relatedTexts, summary, type Linted } from '../support/findings';

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'ansible');

export const ready = () => initEngine();

export function fixture(relative: string): { path: string; text: string } {
  return { path: join('test/fixtures/ansible', relative), text: readFileSync(join(FIXTURES, relative), 'utf8') };
}

export function lintText(path: string, text: string): Linted {
  const result = lint({ path, text });
  return { ...result, text, path };
}

const DISK: FileProbe = { exists: existsSync, read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined) };

/** Lints with the files around `path` readable, as the CLI and the editor do. */
export function lintWithFiles(path: string, text: string): Linted {
  return { ...lint({ path, text }, { probe: DISK }), text, path };
}

export function lintFixture(relative: string): Linted {
  const { path, text } = fixture(relative);
  return lintText(path, text);
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
  const text = fixedText(linted.text, fix);
  load(text);
  const after = lintText(linted.path, text);
  const sameRule = after.findings.filter((f) => f.rule === finding.rule);
  assert.equal(sameRule.length, linted.findings.filter((f) => f.rule === finding.rule).length - 1, `${finding.rule} finding gone after "${fix.title}"`);
  return after;
}
