import type { AppliedFix } from '../../rules/fixes';
import type { Finding, Range, Severity } from '../../rules/types';
import type { FileKind } from '../../rules/types';

/** A local fix with its edits placed by line and column, for output formats that carry fixes (SARIF). */
export interface PlacedFix {
  title: string;
  edits: { range: Range; newText: string }[];
}

export interface ReportedFinding {
  finding: Finding;
  /** The fix `--fix` would apply; absent when the finding has no local fix. */
  fix?: PlacedFix;
}

export interface FileReport {
  path: string;
  /** Relative to the working directory, `/`-separated. */
  display: string;
  kind: FileKind;
  findings: ReportedFinding[];
  applied: AppliedFix[];
}

/** A file not linted, and why: the user is told, the run goes on. */
export interface Notice {
  display: string;
  message: string;
  /** The run could not read something it was asked to: the exit code is 2. */
  unreadable: boolean;
}

export interface Report {
  files: FileReport[];
  notices: Notice[];
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };
