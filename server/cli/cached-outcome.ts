import { RULE_IDS } from '../../rules/catalogue';
import { FRONT_ENDS } from '../../rules/front-ends';
import type { FileKind, Range, RelatedLocation, Severity, Span } from '../../rules/types';
import type { ImageReference } from '../protocol';
import { fingerprintsIn } from '../report/fingerprint';
import type { FileReport, PlacedFix, ReportedFinding } from '../report/model';
import type { JobResult } from './lint-files';

/** A finding as the result cache keeps it: its fingerprint is made again (it hashes the display path), from `context`. */
interface KeptFinding {
  finding: ReportedFinding['finding'];
  fix?: PlacedFix;
  /** The stretch of the text its fingerprint hashes besides its own (fingerprintContexts). */
  context: Span;
}

/**
 * What a lint came to, as the result cache keeps it: the report without its paths and fingerprints (made again for
 * the run's working directory), a notice's message, or nothing (a file no front end claims).
 */
export type CachedOutcome = { report: Pick<FileReport, 'kind' | 'images'> & { findings: KeptFinding[] } } | { notice: string } | { none: true };

/** The outcome of a lint worth keeping, or undefined: Driftless failed, fixes were applied, a notice came with a report. */
export function outcomeOf(result: JobResult, contexts: readonly Span[]): CachedOutcome | undefined {
  const { report, notice } = result;
  if (result.failure) return undefined;
  if (report) {
    if (notice || report.applied.length > 0 || contexts.length !== report.findings.length) return undefined;
    const findings = report.findings.map(({ finding, fix }, i): KeptFinding => (fix ? { finding, fix, context: contexts[i] } : { finding, context: contexts[i] }));
    return { report: { kind: report.kind, findings, images: report.images } };
  }
  if (notice) return notice.unreadable ? undefined : { notice: notice.message };
  return { none: true };
}

/** The JobResult a kept outcome of `text` stands for, in the file's place: as fileReport() makes it. */
export function resultOf(outcome: CachedOutcome, path: string, display: string, text: string): JobResult {
  if ('notice' in outcome) return { notice: { display, message: outcome.notice, unreadable: false } };
  if (!('report' in outcome)) return {};
  const { kind, findings, images } = outcome.report;
  const prints = fingerprintsIn(
    findings.map((f) => f.finding),
    display,
    text,
    findings.map((f) => f.context),
  );
  const reported = findings.map(({ finding, fix }, i): ReportedFinding => (fix ? { finding, fingerprint: prints[i], fix } : { finding, fingerprint: prints[i] }));
  return { report: { path, display, kind, findings: reported, applied: [], images } };
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

function readFinding(value: unknown): KeptFinding | undefined {
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
  const context = spanOf(value.context);
  if (!context) return undefined;
  if (value.fix === undefined) return { finding, context };
  const fix = readFix(value.fix);
  return fix && { finding, fix, context };
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
