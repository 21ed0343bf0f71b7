import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../rules/engine';
import { extractDockerfile } from '../../rules/front-ends/dockerfile';
import type { Finding, SeveritySetting, Span } from '../../rules/types';
import { applyFix } from '../support/fixes';
import { REPO_ROOT } from '../support/requirements';

export { applyFix, SAMPLE_DIGEST } from '../support/fixes';

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'dockerfile');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function lintDockerfile(text: string, rules?: Record<string, SeveritySetting>): Finding[] {
  return lint({ path: 'Dockerfile', text }, { rules }).findings;
}

export function findingsOf(rule: string, text: string): Finding[] {
  return lintDockerfile(text).filter((f) => f.rule === rule);
}

export const factsOf = (text: string) => extractDockerfile({ path: 'Dockerfile', text });

export const at = (text: string, span: Span) => text.slice(span.start, span.end);

/** `line:col-line:col`, 1-based as the CLI prints it. */
export function where(finding: Finding): string {
  const { start, end } = finding.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

/**
 * Applies `finding`'s only fix, checks the result against `expected`, re-lints it and checks the finding is gone
 * (no finding of that rule is left at the same text).
 */
export function assertFixed(text: string, finding: Finding, expected: string): string {
  assert.equal(finding.fixes.length, 1, `one fix for ${finding.rule} at ${where(finding)}`);
  const fixed = applyFix(text, finding.fixes[0]);
  assert.equal(fixed, expected);
  const before = lintDockerfile(text).filter((f) => f.rule === finding.rule).length;
  const after = lintDockerfile(fixed).filter((f) => f.rule === finding.rule);
  assert.equal(after.length, before - 1, `the ${finding.rule} finding is gone and no other appeared`);
  return fixed;
}

/** `text` with line `line` (1-based) replaced by `replacement` lines (none deletes it). */
export function replaceLine(text: string, line: number, ...replacement: string[]): string {
  const lines = text.split('\n');
  lines.splice(line - 1, 1, ...replacement);
  return lines.join('\n');
}
