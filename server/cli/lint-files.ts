import { writeFileSync } from 'node:fs';
import type { LintResult } from '../../rules/engine';
import { bulkFix, fixText, type AppliedFix } from '../../rules/fixes';
import type { SeveritySetting } from '../../rules/types';
import type { DiscoveredFile } from '../workspace/discover';
import { lintPath } from '../workspace/lint-path';
import { describeFsError, readSourceFileSync } from '../workspace/source-file';
import { fileReport, readNotice } from '../report/file-report';
import type { FileReport, Notice } from '../report/model';
import { posixRelative } from '../workspace/ignore-rules';

export interface LintJob {
  file: DiscoveredFile;
  rules: Readonly<Record<string, SeveritySetting>>;
  /** `--fix` applies unsafe fixes too (`--unsafe-fixes`). */
  unsafeFixes?: boolean;
}

/** What one file came to: a report when a front end linted it, a notice when it was skipped or trouble. */
export interface JobResult {
  report?: FileReport;
  notice?: Notice;
}

/** Reads, lints and (with `fix`) fixes and writes one file. Needs an initialised engine. */
export function lintJob(job: LintJob, cwd: string, fix: boolean): JobResult {
  const display = displayPath(job.file.path, cwd);
  const read = readSourceFileSync(job.file.path);
  if (read.status !== 'text') return { notice: readNotice(display, read) };
  const text = read.text;
  const lintText = (t: string): LintResult => lintPath(job.file.path, t, { rules: job.rules, explicit: job.file.explicit });
  let result = lintText(text);
  const kind = result.kind;
  if (!kind) return job.file.explicit ? { notice: { display, message: 'not a supported file kind', unreadable: false } } : {};
  let finalText = text;
  let notice: Notice | undefined;
  let applied: AppliedFix[] = [];
  const scope = { unsafe: job.unsafeFixes === true };
  if (fix && result.findings.some((f) => bulkFix(f, scope))) {
    const outcome = fixText(text, result, lintText, scope);
    if (outcome.text !== text) {
      try {
        writeFileSync(job.file.path, outcome.text, 'utf8');
        applied = outcome.applied;
        finalText = outcome.text;
        result = outcome.result;
      } catch (error) {
        notice = { display, message: `fixes not written: ${describeFsError(error)}`, unreadable: true };
      }
    }
  }
  return { report: fileReport(job.file.path, display, kind, result, finalText, applied), notice };
}

export function displayPath(path: string, cwd: string): string {
  return posixRelative(cwd, path) || '.';
}
