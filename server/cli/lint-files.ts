import { writeFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { LintResult } from '../../rules/engine';
import { LineIndex } from '../../rules/text';
import type { SeveritySetting } from '../../rules/types';
import type { DiscoveredFile } from '../workspace/discover';
import { lintPath } from '../workspace/lint-path';
import { describeFsError, readSourceFile } from '../workspace/source-file';
import { fixText } from './fix';
import { preferredLocalFix, type FileReport, type Notice, type ReportedFinding } from './report';

/** Files read ahead while one is linted: enough to hide read latency, few enough to bound memory. */
const READ_AHEAD = 16;

export interface LintJob {
  file: DiscoveredFile;
  rules: Readonly<Record<string, SeveritySetting>>;
}

export interface LintFilesOptions {
  cwd: string;
  fix: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface LintOutcome {
  files: FileReport[];
  notices: Notice[];
}

/** Reads, lints (and with `fix`, fixes and writes) every file; results keep the jobs' order. */
export async function lintFiles(jobs: readonly LintJob[], options: LintFilesOptions): Promise<LintOutcome> {
  const reports: (FileReport | undefined)[] = new Array(jobs.length);
  const notices: (Notice | undefined)[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      const display = displayPath(job.file.path, options.cwd);
      const read = await readSourceFile(job.file.path);
      if (read.status === 'text') {
        const linted = await lintOne(job, display, read.text, options.fix);
        reports[index] = linted.report;
        notices[index] = linted.notice;
      } else {
        notices[index] = {
          display,
          message: read.status === 'skipped' ? `skipped: ${read.reason}` : `cannot read: ${read.reason}`,
          unreadable: read.status === 'unreadable',
        };
      }
      options.onProgress?.(++done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_AHEAD, jobs.length) }, worker));
  return {
    files: reports.filter((r): r is FileReport => r !== undefined),
    notices: notices.filter((n): n is Notice => n !== undefined),
  };
}

async function lintOne(job: LintJob, display: string, text: string, fix: boolean): Promise<{ report?: FileReport; notice?: Notice }> {
  const lintText = (t: string): LintResult => lintPath(job.file.path, t, { rules: job.rules, explicit: job.file.explicit });
  let result = lintText(text);
  if (!result.kind) return {};
  let notice: Notice | undefined;
  let finalText = text;
  const report: FileReport = { path: job.file.path, display, kind: result.kind, findings: [], applied: [] };
  if (fix && result.findings.some((f) => preferredLocalFix(f))) {
    const outcome = fixText(text, result, lintText);
    if (outcome.text !== text) {
      try {
        await writeFile(job.file.path, outcome.text, 'utf8');
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
    const fix = preferredLocalFix(finding);
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
