import assert from 'node:assert/strict';
import type { Facts, FileKind, Finding, LocalFix, Span } from '../../rules/types';

/** A lint result with the text and path it came from, for the per-kind rule tests. */
export interface Linted {
  kind: FileKind | undefined;
  findings: Finding[];
  facts: Facts | undefined;
  text: string;
  path: string;
}

export const at = (text: string, span: Span) => text.slice(span.start, span.end);

/** `rule@covered text` for each finding, in file order. */
export function summary(linted: Linted, rule?: string): string[] {
  return linted.findings.filter((f) => !rule || f.rule === rule).map((f) => `${f.rule}@${at(linted.text, f.span)}`);
}

/** The one finding of `rule` (covering exactly `covered`, when given). */
export function only(linted: Linted, rule: string, covered?: string): Finding {
  const matches = linted.findings.filter((f) => f.rule === rule && (covered === undefined || at(linted.text, f.span) === covered));
  assert.equal(matches.length, 1, `one ${rule} finding on ${JSON.stringify(covered)}; have ${JSON.stringify(summary(linted))}`);
  return matches[0];
}

export function localFix(finding: Finding): LocalFix {
  const fix = finding.fixes.find((f): f is LocalFix => f.kind === 'local');
  assert.ok(fix, `${finding.rule} at offset ${finding.span.start} offers a local fix`);
  return fix;
}

/** The text at each of a finding's related places (none when it has none). */
export function relatedTexts(linted: Linted, finding: Finding): string[] {
  return (finding.related ?? []).map((r) => at(linted.text, r.span));
}
