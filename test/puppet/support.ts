import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initEngine, lint } from '../../rules/engine';
import { parsePuppet } from '../../rules/front-ends/puppet/parse';
import type { Finding, Fix } from '../../rules/types';
import { applyFix as fixedText } from '../support/fixes';
import { localFix, type Linted } from '../support/findings';
import { REPO_ROOT } from '../support/requirements';

export { at, localFix, only, relatedTexts, summary, type Linted } from '../support/findings';

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'puppet');

export const ready = () => initEngine(['puppet']);

/** A manifest from its lines, with a final line break. */
export const lines = (...l: string[]) => [...l, ''].join('\n');

export function lintManifest(text: string, path = 'manifests/init.pp'): Linted {
  return { ...lint({ path, text }), text, path };
}

export function lintFixture(relative: string): Linted {
  return lintManifest(readFileSync(join(FIXTURES, relative), 'utf8'), join('test/fixtures/puppet', relative));
}

export function assertParses(text: string): void {
  assert.equal(parsePuppet(text).error, undefined, `the fixed manifest parses:\n${text}`);
}

/** Applies the fix: the result is exactly `expected`, parses, and has one finding of that rule fewer. */
export function applyFix(linted: Linted, finding: Finding, expected: string, fix: Fix = localFix(finding)): Linted {
  const text = fixedText(linted.text, fix);
  assert.equal(text, expected, `"${fix.title}" changes only what it says`);
  assertParses(text);
  const after = lintManifest(text, linted.path);
  const before = linted.findings.filter((f) => f.rule === finding.rule).length;
  assert.equal(after.findings.filter((f) => f.rule === finding.rule).length, before - 1, `${finding.rule} finding gone after "${fix.title}"`);
  return after;
}
