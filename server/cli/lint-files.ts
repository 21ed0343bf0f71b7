import type { LintResult } from '../../rules/engine';
import { bulkFix, fixText, type AppliedFix } from '../../rules/fixes';
import { parsesStoppedByClockSoFar } from '../../rules/tree-sitter/grammar';
import type { FileProbe, SeveritySetting, Span } from '../../rules/types';
import type { DriftlessConfig } from '../../rules/config';
import type { DiscoveredFile } from '../workspace/discover';
import { lintPath } from '../workspace/lint-path';
import { diskProbe } from '../workspace/probe';
import { readSourceFileSync } from '../workspace/source-file';
import { rewriteFileSafely } from '../workspace/write-file-safely';
import { fileReport, readNotice } from '../report/file-report';
import { fingerprintContexts } from '../report/fingerprint';
import type { FileReport, Notice } from '../report/model';
import { posixRelative } from '../workspace/ignore-rules';
import { recordingProbe, textHash, type ProbeAnswer } from './probe-record';

export interface LintJob {
  file: DiscoveredFile;
  rules: Readonly<Record<string, SeveritySetting>>;
  /** The folder the file was found through (its own folder when named): fixes are written only inside it. */
  root: string;
  /** The file's `.driftless.yaml` `downloadLimit`, for `--pin`'s checksums. */
  downloadLimit?: number;
  /** `github:` of the file's `.driftless.yaml`: where `--pin` asks about actions. */
  github?: DriftlessConfig['github'];
  /** `--fix` applies unsafe fixes too (`--unsafe-fixes`). */
  unsafeFixes?: boolean;
  /** The file's text, when the caller has read it already (the result cache, to hash it). */
  text?: string;
  /** Note what the lint asks of other files (`answers`), for the result cache. */
  record?: boolean;
}

/** What one file came to: a report when a front end linted it, a notice when it was skipped or trouble. */
export interface JobResult {
  report?: FileReport;
  notice?: Notice;
  /** Driftless itself failed on the file: the stack, for `--verbose` (the report carries an `internal-error` finding). */
  failure?: { display: string; stack: string };
  /**
   * With `record`, what the result cache keeps beside the report. Absent when the result may not be kept:
   * Driftless failed, or the clock's backstop stopped a parse (the result then depends on the machine's load).
   */
  keep?: Keepable;
}

export interface Keepable {
  /** textHash of the file's text as read. */
  text: string;
  /** Every question the lint asked about other files, with its answer. */
  answers: ProbeAnswer[];
  /** The stretch each finding's fingerprint hashes (fingerprintContexts): fingerprints are made again for another display path. */
  contexts: Span[];
}

/** Reads, lints and (with `fix`) fixes and writes one file. Needs an initialised engine. */
export function lintJob(job: LintJob, cwd: string, fix: boolean): JobResult {
  if (!job.record) return lintWith(diskProbe, job, cwd, fix);
  const read = job.text === undefined ? readSourceFileSync(job.file.path) : { status: 'text' as const, text: job.text };
  if (read.status !== 'text') return { notice: readNotice(displayPath(job.file.path, cwd), read) };
  const recording = recordingProbe(diskProbe);
  const stoppedByClock = parsesStoppedByClockSoFar();
  let contexts: Span[] = [];
  const result = lintWith(recording.probe, { ...job, text: read.text }, cwd, fix, (linted, text) => (contexts = fingerprintContexts(linted.findings, text, linted.facts)));
  if (result.failure || parsesStoppedByClockSoFar() !== stoppedByClock) return result;
  return { ...result, keep: { text: textHash(read.text), answers: recording.answers, contexts } };
}

function lintWith(probe: FileProbe, job: LintJob, cwd: string, fix: boolean, reported?: (linted: LintResult, text: string) => void): JobResult {
  const display = displayPath(job.file.path, cwd);
  const read = job.text === undefined ? readSourceFileSync(job.file.path) : { status: 'text' as const, text: job.text };
  if (read.status !== 'text') return { notice: readNotice(display, read) };
  const text = read.text;
  const lintText = (t: string): LintResult => lintPath(job.file.path, t, { rules: job.rules, explicit: job.file.explicit, probe });
  let result = lintText(text);
  const kind = result.kind;
  const failure = result.failure && { display, stack: result.failure.stack };
  if (!kind) {
    if (failure) return { notice: { display, message: `not linted: Driftless failed on it: ${result.failure?.cause}`, unreadable: false }, failure };
    return job.file.explicit ? { notice: { display, message: 'not a supported file kind', unreadable: false } } : {};
  }
  let finalText = text;
  let notice: Notice | undefined;
  let applied: AppliedFix[] = [];
  const scope = { unsafe: job.unsafeFixes === true };
  if (fix && result.findings.some((f) => bulkFix(f, scope))) {
    const outcome = fixText(text, result, lintText, scope);
    if (outcome.result.failure && !result.failure) {
      // A fixed text Driftless cannot lint is not known to be right: it is not written.
      return {
        report: fileReport(job.file.path, display, kind, result, text),
        notice: { display, message: `fixes not written: Driftless failed on the fixed text: ${outcome.result.failure.cause}`, unreadable: false },
        failure: { display, stack: outcome.result.failure.stack },
      };
    }
    if (outcome.text !== text) {
      const written = rewriteFileSafely(job.file.path, text, outcome.text, [job.root]);
      if (written.ok) {
        applied = outcome.applied;
        finalText = outcome.text;
        result = outcome.result;
      } else {
        notice = { display, message: `fixes not written: ${written.reason}`, unreadable: true };
      }
    }
  }
  reported?.(result, finalText);
  return { report: fileReport(job.file.path, display, kind, result, finalText, applied), notice, failure };
}

export function displayPath(path: string, cwd: string): string {
  return posixRelative(cwd, path) || '.';
}
