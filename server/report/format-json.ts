import type { Report } from './model';

/** The `--format json` document, version 1: 1-based lines and columns; end column exclusive. */
export function formatJson(report: Report): string {
  const byRule: Record<string, number> = {};
  const findings = [];
  for (const file of report.files) {
    for (const { finding, fix, fingerprint } of file.findings) {
      byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
      findings.push({
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
      });
    }
  }
  const document = { version: 1, summary: { files: report.files.length, findings: findings.length, byRule }, findings };
  return `${JSON.stringify(document, null, 2)}\n`;
}
