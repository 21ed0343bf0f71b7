import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRuby } from '../../rules/front-ends/chef/prism';
import { initEngine, lint } from '../../rules/engine';
import type { FileKind, Finding, LocalFix } from '../../rules/types';
import { applyFix as fixedText } from '../support/fixes';
import { localFix, type Linted } from '../support/findings';
import { REPO_ROOT } from '../support/requirements';

export { at, localFix, only, relatedTexts, summary, type Linted } from '../support/findings';

export const COOKBOOK = join(REPO_ROOT, 'test', 'fixtures', 'chef', 'cookbooks', 'app');

export const ready = () => initEngine();

export const FILES = { exists: (path: string) => existsSync(path) };

export function lintText(path: string, text: string, kind?: FileKind): Linted {
  return { ...lint({ path, text }, { probe: FILES, kind }), text, path };
}

/** A recipe's text linted as Chef, as for a `.rb` file named explicitly. */
export function lintRecipe(text: string): Linted {
  return lintText('recipe.rb', text, 'chef');
}

export function lintFixture(relative: string): Linted {
  const path = join(COOKBOOK, relative);
  return lintText(path, readFileSync(path, 'utf8'));
}

/** prism's errors for the text (none means it parses), and `ruby -c` when Ruby is installed. */
export function assertParses(text: string): void {
  assert.deepEqual(parseRuby(text).errors.map((e) => e.message), [], `the fixed recipe parses:\n${text}`);
  const ruby = spawnSync('ruby', ['--version'], { encoding: 'utf8' });
  if (ruby.error) return;
  const dir = mkdtempSync(join(tmpdir(), 'driftless-chef-'));
  try {
    writeFileSync(join(dir, 'recipe.rb'), text);
    const check = spawnSync('ruby', ['-c', join(dir, 'recipe.rb')], { encoding: 'utf8' });
    assert.equal(check.status, 0, `ruby -c: ${check.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Applies the fix: the result is exactly `expected`, parses, and has one finding of that rule fewer. */
export function applyFix(linted: Linted, finding: Finding, expected: string, fix: LocalFix = localFix(finding)): Linted {
  const text = fixedText(linted.text, fix);
  assert.equal(text, expected, `"${fix.title}" changes only what it says`);
  assertParses(text);
  const after = lintText(linted.path, text, linted.kind);
  const before = linted.findings.filter((f) => f.rule === finding.rule).length;
  assert.equal(after.findings.filter((f) => f.rule === finding.rule).length, before - 1, `${finding.rule} finding gone after "${fix.title}"`);
  return after;
}
