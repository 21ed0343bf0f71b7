import { writeJsonWithItems } from './json-text';
import type { FileReport, Report, ReportWriter } from './model';

/** One finding of the `--format json` document: flat, the only thing kept per finding until the run ends. */
interface JsonFinding {
  file: string;
  kind: string;
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  fingerprint?: string;
}

const FINDINGS_SLOT = '\u0000findings';

/** The `--format json` document, version 1: 1-based lines and columns; end column exclusive. Built as files finish. */
export class JsonReportWriter implements ReportWriter {
  private files = 0;
  private readonly byRule: Record<string, number> = {};
  private readonly findings: JsonFinding[] = [];

  constructor(private readonly write: (text: string) => void) {}

  file(file: FileReport): void {
    this.files++;
    for (const { finding, fix, fingerprint } of file.findings) {
      this.byRule[finding.rule] = (this.byRule[finding.rule] ?? 0) + 1;
      this.findings.push({
        file: file.display,
        kind: file.kind,
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        line: finding.range.start.line + 1,
        column: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
        fixable: fix !== undefined,
        fingerprint,
        ...(finding.related
          ? {
              related: finding.related.map((r) => ({
                message: r.message,
                line: r.range.start.line + 1,
                column: r.range.start.character + 1,
                endLine: r.range.end.line + 1,
                endColumn: r.range.end.character + 1,
              })),
            }
          : {}),
      });
    }
  }

  finish(): void {
    const document = { version: 1, summary: { files: this.files, findings: this.findings.length, byRule: this.byRule }, findings: FINDINGS_SLOT };
    writeJsonWithItems(document, FINDINGS_SLOT, this.findings, this.write);
    this.write('\n');
  }
}

export function formatJson(report: Report): string {
  let out = '';
  const writer = new JsonReportWriter((text) => (out += text));
  for (const file of report.files) writer.file(file);
  writer.finish();
  return out;
}
