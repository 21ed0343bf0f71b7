import { pathToFileURL } from 'node:url';
import type { AuditSummary } from '../protocol';
import type { Report } from './model';

/** What the report panel shows and the Markdown export prints: totals, counts, every finding, the image inventory. */
export function summarize(report: Report): AuditSummary {
  const summary: AuditSummary = {
    files: report.files.length,
    findings: 0,
    byRule: {},
    byKind: {},
    filesByKind: {},
    findingList: [],
    images: [],
    skipped: report.notices.map((n) => ({ path: n.display, reason: n.message })),
  };
  for (const file of report.files) {
    const uri = pathToFileURL(file.path).href;
    const { kind } = file;
    count(summary.filesByKind, kind);
    for (const { finding } of file.findings) {
      summary.findings++;
      count(summary.byRule, finding.rule);
      count(summary.byKind, kind);
      const { start, end } = finding.range;
      summary.findingList.push({
        uri,
        path: file.display,
        kind,
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        line: start.line,
        character: start.character,
        endLine: end.line,
        endCharacter: end.character,
      });
    }
    for (const image of file.images) summary.images.push({ uri, path: file.display, kind, ...image, pinned: image.digest !== undefined });
  }
  return summary;
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
