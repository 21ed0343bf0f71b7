import { RULE_IDS } from '../../rules/catalogue';
import { FRONT_ENDS } from '../../rules/front-ends';
import type { FileKind, Range, RelatedLocation, Severity, Span } from '../../rules/types';
import type { ImageReference } from '../protocol';
import { fingerprintsIn } from '../report/fingerprint';
import type { PlacedFix, ReportedFinding } from '../report/model';
import type { JobResult } from './lint-files';
import { isRecord } from '../json-record';

/** A finding as the result cache keeps it, with what its fingerprint is made from for another display path. */
interface KeptFinding {
  finding: ReportedFinding['finding'];
  fix?: PlacedFix;
  fingerprint: string;
  /** The stretch of the text its fingerprint hashes besides its own (fingerprintContexts). */
  context: Span;
}

/**
 * What a lint came to, as the result cache keeps it: the report without its path (the display path its
 * fingerprints hash is kept, and they are made again for another), a notice's message, or nothing (a file no front
 * end claims).
 */
export type CachedOutcome =
  | { report: { kind: FileKind; display: string; findings: KeptFinding[]; images: ImageReference[] } }
  | { notice: string }
  | { none: true };

/** The outcome of a lint worth keeping, or undefined: Driftless failed, fixes were applied, a notice came with a report. */
export function outcomeOf(result: JobResult, contexts: readonly Span[]): CachedOutcome | undefined {
  const { report, notice } = result;
  if (result.failure) return undefined;
  if (report) {
    if (notice || report.applied.length > 0 || contexts.length !== report.findings.length) return undefined;
    const findings: KeptFinding[] = [];
    for (const [i, { finding, fix, fingerprint }] of report.findings.entries()) {
      if (fingerprint === undefined) return undefined;
      findings.push(fix ? { finding, fix, fingerprint, context: contexts[i] } : { finding, fingerprint, context: contexts[i] });
    }
    return { report: { kind: report.kind, display: report.display, findings, images: report.images } };
  }
  if (notice) return notice.unreadable ? undefined : { notice: notice.message };
  return { none: true };
}

/** The JobResult a kept outcome of `text` stands for, in the file's place: as fileReport() makes it. */
export function resultOf(outcome: CachedOutcome, path: string, display: string, text: string): JobResult {
  if ('notice' in outcome) return { notice: { display, message: outcome.notice, unreadable: false } };
  if (!('report' in outcome)) return {};
  const { kind, findings, images } = outcome.report;
  const prints =
    outcome.report.display === display
      ? findings.map((f) => f.fingerprint)
      : fingerprintsIn(
          findings.map((f) => f.finding),
          display,
          text,
          findings.map((f) => f.context),
        );
  const reported = findings.map(({ finding, fix }, i): ReportedFinding => (fix ? { finding, fingerprint: prints[i], fix } : { finding, fingerprint: prints[i] }));
  return { report: { path, display, kind, findings: reported, applied: [], images } };
}

// The cache file holds findings flat, positions as arrays ([start, end], [line, character, end line, end
// character]): half the objects to parse and check of the report's shape.
type StoredSpan = [number, number];
type StoredRange = [number, number, number, number];

/** An outcome as the cache file holds it (JSON). */
export function storedOutcome(outcome: CachedOutcome): unknown {
  if (!('report' in outcome)) return outcome;
  const { kind, display, findings, images } = outcome.report;
  return {
    report: {
      kind,
      display,
      findings: findings.map(({ finding, fix, fingerprint, context }) => ({
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        span: storedSpan(finding.span),
        range: storedRange(finding.range),
        ...(finding.related && { related: finding.related.map((r) => ({ message: r.message, span: storedSpan(r.span), range: storedRange(r.range) })) }),
        ...(fix && { fix: { title: fix.title, safe: fix.safe, edits: fix.edits.map((e) => ({ range: storedRange(e.range), newText: e.newText })) } }),
        fingerprint,
        context: storedSpan(context),
      })),
      images,
    },
  };
}

function storedSpan(span: Span): StoredSpan {
  return [span.start, span.end];
}

function storedRange(range: Range): StoredRange {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

/**
 * An outcome read back from the cache file, which is hostile input: every field checked and copied (nothing
 * else is), every string printed in a report free of control, line-separator and bidirectional characters, every
 * rule one of the catalogue's; undefined for anything else.
 */
export function readOutcome(value: unknown): CachedOutcome | undefined {
  if (!isRecord(value)) return undefined;
  if (value.none === true) return { none: true };
  if (isPrintable(value.notice)) return { notice: value.notice };
  const report = value.report;
  if (!isRecord(report) || !isKind(report.kind) || typeof report.display !== 'string') return undefined;
  const findings = listOf(report.findings, readFinding);
  const images = listOf(report.images, readImage);
  return findings && images ? { report: { kind: report.kind, display: report.display, findings, images } } : undefined;
}

function readFinding(value: unknown): KeptFinding | undefined {
  if (!isRecord(value)) return undefined;
  const { rule, severity, message, fingerprint } = value;
  const span = spanOf(value.span);
  const range = rangeOf(value.range);
  const context = spanOf(value.context);
  if (typeof rule !== 'string' || !RULE_IDS.has(rule) || !isSeverity(severity) || !isPrintable(message) || !span || !range || !context) return undefined;
  if (!(typeof fingerprint === 'string' && /^[0-9a-f]{32}:[1-9]\d{0,8}$/.test(fingerprint))) return undefined;
  const finding: ReportedFinding['finding'] = { span, message, rule, severity, range };
  if (value.related !== undefined) {
    const related = listOf(value.related, readRelated);
    if (!related) return undefined;
    finding.related = related;
  }
  if (value.fix === undefined) return { finding, fingerprint, context };
  const fix = readFix(value.fix);
  return fix && { finding, fix, fingerprint, context };
}

function readRelated(value: unknown): RelatedLocation | undefined {
  if (!isRecord(value)) return undefined;
  const span = spanOf(value.span);
  const range = rangeOf(value.range);
  return span && range && isPrintable(value.message) ? { span, message: value.message, range } : undefined;
}

function readFix(value: unknown): PlacedFix | undefined {
  if (!isRecord(value) || !isPrintable(value.title) || typeof value.safe !== 'boolean') return undefined;
  // An edit's text is only ever written as a JSON string (SARIF's replacements), never printed as it is.
  const edits = listOf(value.edits, (edit) => {
    if (!isRecord(edit) || typeof edit.newText !== 'string') return undefined;
    const range = rangeOf(edit.range);
    return range && { range, newText: edit.newText };
  });
  return edits && { title: value.title, safe: value.safe, edits };
}

function readImage(value: unknown): ImageReference | undefined {
  if (!isRecord(value)) return undefined;
  const { line, character, reference, registry, repository, tag, digest, source } = value;
  if (!isCount(line) || !isCount(character) || !isPrintable(reference) || !isPrintable(repository) || !isPrintable(source)) return undefined;
  if (!isOptionalPrintable(registry) || !isOptionalPrintable(tag) || !isOptionalPrintable(digest)) return undefined;
  return { line, character, reference, registry, repository, tag, digest, source };
}

function spanOf(value: unknown): Span | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [start, end] = value as unknown[];
  return isCount(start) && isCount(end) ? { start, end } : undefined;
}

function rangeOf(value: unknown): Range | undefined {
  if (!Array.isArray(value) || value.length !== 4) return undefined;
  const [line, character, endLine, endCharacter] = value as unknown[];
  if (!isCount(line) || !isCount(character) || !isCount(endLine) || !isCount(endCharacter)) return undefined;
  return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}

function listOf<T>(value: unknown, read: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const item of value) {
    const one = read(item);
    if (one === undefined) return undefined;
    items.push(one);
  }
  return items;
}

const KINDS: ReadonlySet<string> = new Set(FRONT_ENDS.flatMap((frontEnd) => frontEnd.kinds));

function isKind(value: unknown): value is FileKind {
  return typeof value === 'string' && KINDS.has(value);
}

function isSeverity(value: unknown): value is Severity {
  return value === 'error' || value === 'warning' || value === 'info';
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional formatting characters: what
// untrustedText escapes. An outcome holding one is not kept (the result cache checks with readOutcome before writing).
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function isPrintable(value: unknown): value is string {
  return typeof value === 'string' && !UNPRINTABLE.test(value);
}

function isOptionalPrintable(value: unknown): value is string | undefined {
  return value === undefined || isPrintable(value);
}
