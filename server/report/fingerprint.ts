import type { Facts, Finding, Span } from '../../rules/types';
import { lazyCrypto } from '../lazy-crypto';

/**
 * A finding's identity that survives lines moving: a hash of the rule, the file (as displayed, relative to the
 * working directory), the normalized text of the statement holding it (the task, instruction or resource; the
 * finding's own lines where the file kind has no statements) and of the finding's own text, then `:n` for the
 * n-th finding of the file with that hash. Baselines match on it; SARIF carries it in `partialFingerprints`.
 */
export function fingerprints(findings: readonly Pick<Finding, 'rule' | 'span'>[], display: string, text: string, facts: Facts | undefined): string[] {
  return fingerprintsIn(findings, display, text, fingerprintContexts(findings, text, facts));
}

/** The statement (or the lines) each finding's fingerprint hashes. */
export function fingerprintContexts(findings: readonly Pick<Finding, 'span'>[], text: string, facts: Facts | undefined): Span[] {
  return findings.map((finding) => innermostStatement(facts?.statements ?? [], finding.span) ?? linesOf(text, finding.span));
}

/** fingerprints() from the contexts fingerprintContexts() gave (the CLI's result cache keeps them, not the facts). */
export function fingerprintsIn(findings: readonly Pick<Finding, 'rule' | 'span'>[], display: string, text: string, contexts: readonly Span[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding, i) => {
    const digest = sha256Hex([FINGERPRINT_VERSION, finding.rule, display, normalized(text, contexts[i]), normalized(text, finding.span)].join('\0')).slice(0, 32);
    const occurrence = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, occurrence);
    return `${digest}:${occurrence}`;
  });
}

/** Node's one-shot hash takes a third of the time of a Hash object for texts this short. */
const sha256Hex = (data: string): string => lazyCrypto().hash('sha256', data, 'hex');

/** Bumped when what goes into the hash changes: old baselines then match nothing, rather than the wrong thing. */
const FINGERPRINT_VERSION = 'driftless-fingerprint-1';

function innermostStatement(statements: readonly Span[], span: Span): Span | undefined {
  let best: Span | undefined;
  for (const s of statements) {
    if (s.start <= span.start && span.end <= s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

/** The whole lines the span touches. */
function linesOf(text: string, span: Span): Span {
  const start = text.lastIndexOf('\n', span.start - 1) + 1;
  const newline = text.indexOf('\n', Math.max(span.end - 1, span.start));
  return { start, end: newline === -1 ? text.length : newline };
}

/** Whitespace runs (indentation, line breaks, CRLF) collapse to one space: re-indenting keeps the fingerprint. */
function normalized(text: string, span: Span): string {
  return text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
}
