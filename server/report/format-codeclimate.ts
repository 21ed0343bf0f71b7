import type { Severity } from '../../rules/types';
import type { Report } from './model';

/** Code Climate's severities, as GitLab's code quality widget shows them. */
const SEVERITY: Readonly<Record<Severity, string>> = { error: 'critical', warning: 'major', info: 'info' };

/**
 * `--format codeclimate`: the Code Climate issue list GitLab reads as a code quality report
 * (`artifacts: reports: codequality:`): one issue per finding, paths relative to the working directory.
 */
export function formatCodeClimate(report: Report): string {
  const issues = [];
  for (const file of report.files) {
    for (const { finding, fingerprint } of file.findings) {
      issues.push({
        type: 'issue',
        check_name: finding.rule,
        description: finding.message,
        categories: ['Bug Risk'],
        severity: SEVERITY[finding.severity],
        fingerprint: fingerprint ?? `${finding.rule}:${file.display}:${finding.range.start.line}:${finding.range.start.character}`,
        location: { path: file.display, lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 } },
      });
    }
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}
