import type { AppliedFix } from '../../rules/fixes';
import type { FileKind, Finding, Range, Severity } from '../../rules/types';
import type { ImageReference } from '../protocol';

/** A local fix with its edits placed by line and column, for output formats that carry fixes (SARIF). */
export interface PlacedFix {
  title: string;
  /** Safe in Ruff's sense (its rule's declaration): `--fix` applies it without `--unsafe-fixes`. */
  safe: boolean;
  edits: { range: Range; newText: string }[];
}

export interface ReportedFinding {
  /** What the formats print of a finding: its fixes are left out, the one that counts is `fix`. */
  finding: Omit<Finding, 'fixes'>;
  /** The fix `--fix` (with `--unsafe-fixes` when it is not safe) would apply; absent when the finding has no local fix. */
  fix?: PlacedFix;
  /** Its identity across line moves (`fingerprints`): what baselines match and SARIF's `partialFingerprints` carry. */
  fingerprint?: string;
}

/** One linted file: compact, as it crosses from a lint worker to the main thread as a structured clone. */
export interface FileReport {
  path: string;
  /** Relative to the working directory (CLI) or the workspace folder (editor), `/`-separated. */
  display: string;
  kind: FileKind;
  findings: ReportedFinding[];
  applied: AppliedFix[];
  images: ImageReference[];
}

/** A file not linted, and why: the user is told, the run goes on. */
export interface Notice {
  display: string;
  message: string;
  /** The run could not read something it was asked to: the exit code is 2. */
  unreadable: boolean;
}

/** One run, CLI or editor audit: every export format is rendered from it. */
export interface Report {
  files: FileReport[];
  notices: Notice[];
}

/** An output format fed one file at a time, in the run's order, so that a run holds no more than the format needs. */
export interface ReportWriter {
  file(report: FileReport): void;
  /** After the last file: the summary, the end of the document. */
  finish(notices: readonly Notice[]): void;
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };
