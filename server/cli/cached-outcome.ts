import { RULE_IDS } from '../../rules/catalogue';
import { FRONT_ENDS } from '../../rules/front-ends';
import type { FileKind, Range, RelatedLocation, Severity, Span } from '../../rules/types';
import type { ImageReference } from '../protocol';
import type { FileReport, PlacedFix, ReportedFinding } from '../report/model';
import type { JobResult } from './lint-files';

/**
 * What a lint came to, as the result cache keeps it: the report without its paths (the display path is
 * recomputed for the run's working directory), a notice's message, or nothing (a file no front end claims).
 */
export type CachedOutcome = { report: Pick<FileReport, 'kind' | 'findings' | 'images'> } | { notice: string } | { none: true };

/** The outcome of a lint worth keeping, or undefined: fixes were applied, Driftless failed, a notice came with a report. */
export function outcomeOf(result: JobResult): CachedOutcome | undefined {
  const { report, notice } = result;
  if (result.failure) return undefined;
  if (report) return notice || report.applied.length > 0 ? undefined : { report: { kind: report.kind, findings: report.findings, images: report.images } };
  if (notice) return notice.unreadable ? undefined : { notice: notice.message };
  return { none: true };
}

/** The JobResult a kept outcome stands for, in the file's place. */
export function resultOf(outcome: CachedOutcome, path: string, display: string): JobResult {
  if ('report' in outcome) return { report: { path, display, ...outcome.report, applied: [] } };
  if ('notice' in outcome) return { notice: { display, message: outcome.notice, unreadable: false } };
  return {};
}

/**
 * A kept outcome read back from the cache file, which is hostile input: every field checked and copied (nothing
 * else is), every string printed in a report free of control, line-separator and bidirectional characters, every
 * rule one of the catalogue's; undefined for anything else.
 */
export function readOutcome(value: unknown): CachedOutcome | undefined {
  if (!isRecord(value)) return undefined;
  if (value.none === true) return { none: true };
  if (isPrintable(value.notice)) return { notice: value.notice };
  const report = value.report;
  if (!isRecord(report) || !isKind(report.kind)) return undefined;
  const findings = listOf(report.findings, readFinding);
  const images = listOf(report.images, readImage);
  return findings && images ? { report: { kind: report.kind, findings, images } } : undefined;
}

function readFinding(value: unknown): ReportedFinding | undefined {
  if (!isRecord(value) || !isRecord(value.finding)) return undefined;
  const { span, message, rule, severity, range, related } = value.finding;
  const readSpan = spanOf(span);
  const readRange = rangeOf(range);
  if (!readSpan || !isPrintable(message) || typeof rule !== 'string' || !RULE_IDS.has(rule) || !isSeverity(severity) || !readRange) return undefined;
  const finding: ReportedFinding['finding'] = { span: readSpan, message, rule, severity, range: readRange };
  if (related !== undefined) {
    const locations = listOf(related, readRelated);
    if (!locations) return undefined;
    finding.related = locations;
  }
  const { fingerprint, fix } = value;
  if (fingerprint !== undefined && !(typeof fingerprint === 'string' && /^[0-9a-f]{32}:[1-9]\d{0,8}$/.test(fingerprint))) return undefined;
  if (fix === undefined) return { finding, fingerprint };
  const placed = readFix(fix);
  return placed && { finding, fingerprint, fix: placed };
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
  return isRecord(value) && isCount(value.start) && isCount(value.end) ? { start: value.start, end: value.end } : undefined;
}

function rangeOf(value: unknown): Range | undefined {
  if (!isRecord(value)) return undefined;
  const { start, end } = value;
  if (!isRecord(start) || !isRecord(end) || !isCount(start.line) || !isCount(start.character) || !isCount(end.line) || !isCount(end.character)) return undefined;
  return { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
