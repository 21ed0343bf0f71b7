import { writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { LintResult } from '../../rules/engine';
import { fixText, preferredFix } from '../../rules/fixes';
import { LineIndex } from '../../rules/text';
import type { SeveritySetting } from '../../rules/types';
import type { DiscoveredFile } from '../workspace/discover';
import { lintPath } from '../workspace/lint-path';
import { describeFsError, readSourceFileSync } from '../workspace/source-file';
import type { FileReport, Notice, ReportedFinding } from './report';

export interface LintJob {
  file: DiscoveredFile;
  rules: Readonly<Record<string, SeveritySetting>>;
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
  if (read.status !== 'text') {
    const message = read.status === 'skipped' ? `skipped: ${read.reason}` : `cannot read: ${read.reason}`;
    return { notice: { display, message, unreadable: read.status === 'unreadable' } };
  }
  const text = read.text;
  const lintText = (t: string): LintResult => lintPath(job.file.path, t, { rules: job.rules, explicit: job.file.explicit });
  let result = lintText(text);
  if (!result.kind) return {};
  let finalText = text;
  let notice: Notice | undefined;
  const report: FileReport = { path: job.file.path, display, kind: result.kind, findings: [], applied: [] };
  if (fix && result.findings.some((f) => preferredFix(f))) {
    const outcome = fixText(text, result, lintText);
    if (outcome.text !== text) {
      try {
        writeFileSync(job.file.path, outcome.text, 'utf8');
        report.applied = outcome.applied;
        finalText = outcome.text;
        result = outcome.result;
      } catch (error) {
        notice = { display, message: `fixes not written: ${describeFsError(error)}`, unreadable: true };
      }
    }
  }
  report.findings = placeFixes(result, finalText);
  return { report, notice };
}

function placeFixes(result: LintResult, text: string): ReportedFinding[] {
  let lines: LineIndex | undefined;
  return result.findings.map((finding) => {
    const fix = preferredFix(finding);
    if (!fix) return { finding };
    lines ??= new LineIndex(text);
    const index = lines;
    return { finding, fix: { title: fix.title, edits: fix.edits.map((e) => ({ range: index.range(e.span), newText: e.newText })) } };
  });
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}
