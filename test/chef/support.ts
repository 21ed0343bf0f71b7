import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRuby } from '../../rules/front-ends/chef/prism';
import { initEngine, lint } from '../../rules/engine';
import { applyEdits } from '../../rules/text';
import type { Facts, FileKind, Finding, LocalFix, Span } from '../../rules/types';
import { REPO_ROOT } from '../support/requirements';

export const COOKBOOK = join(REPO_ROOT, 'test', 'fixtures', 'chef', 'cookbooks', 'app');

export const ready = () => initEngine();

export const FILES = { exists: (path: string) => existsSync(path) };

export interface Linted {
  kind: FileKind | undefined;
  findings: Finding[];
  facts: Facts | undefined;
  text: string;
  path: string;
}

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

export const at = (text: string, span: Span) => text.slice(span.start, span.end);

/** `rule@covered text` for each finding, in file order. */
export function summary(linted: Linted, rule?: string): string[] {
  return linted.findings.filter((f) => !rule || f.rule === rule).map((f) => `${f.rule}@${at(linted.text, f.span)}`);
}

export function only(linted: Linted, rule: string, covered?: string): Finding {
  const matches = linted.findings.filter((f) => f.rule === rule && (covered === undefined || at(linted.text, f.span) === covered));
  assert.equal(matches.length, 1, `one ${rule} finding on ${JSON.stringify(covered)}; have ${JSON.stringify(summary(linted))}`);
  return matches[0];
}

export function localFix(finding: Finding): LocalFix {
  const fix = finding.fixes.find((f): f is LocalFix => f.kind === 'local');
  assert.ok(fix, `${finding.rule} offers a local fix`);
  return fix;
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
  const text = applyEdits(linted.text, fix.edits);
  assert.equal(text, expected, `"${fix.title}" changes only what it says`);
  assertParses(text);
  const after = lintText(linted.path, text, linted.kind);
  const before = linted.findings.filter((f) => f.rule === finding.rule).length;
  assert.equal(after.findings.filter((f) => f.rule === finding.rule).length, before - 1, `${finding.rule} finding gone after "${fix.title}"`);
  return after;
}
