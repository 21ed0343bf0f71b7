import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initEngine, lint } from '../../rules/engine';
import { hclSyntaxError } from '../../rules/front-ends/terraform/parse';
import type { Finding, Fix } from '../../rules/types';
import { applyFix as fixedText } from '../support/fixes';
import type { Linted } from '../support/findings';
import { REPO_ROOT } from '../support/requirements';

export { at, localFix, only, summary, type Linted } from '../support/findings';

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'terraform');

export const ready = () => initEngine(['terraform']);

export function lintTerraform(text: string, path = 'main.tf'): Linted {
  return { ...lint({ path, text }), text, path };
}

export function lintFixture(relative: string): Linted {
  const path = join(FIXTURES, relative);
  return lintTerraform(readFileSync(path, 'utf8'), path);
}

/** Applies the fix: the result is exactly `expected`, parses without error, and has one finding of that rule fewer. */
export function applyFix(linted: Linted, finding: Finding, fix: Fix, expected: string): Linted {
  const text = fixedText(linted.text, fix);
  assert.equal(text, expected, `"${fix.title}" changes only what it says`);
  assert.equal(hclSyntaxError(text), undefined, `the fixed file parses:\n${text}`);
  const after = lintTerraform(text, linted.path);
  const count = (l: Linted) => l.findings.filter((f) => f.rule === finding.rule).length;
  assert.equal(count(after), count(linted) - 1, `${finding.rule} finding gone after "${fix.title}"`);
  return after;
}
