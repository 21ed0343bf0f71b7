import type { Severity } from '../../rules/types';
import type { Report } from './model';

export interface TextStyle {
  color: boolean;
  quiet: boolean;
}

const SGR: Readonly<Record<Severity | 'path' | 'dim', [string, string]>> = {
  error: ['\x1b[31m', '\x1b[39m'],
  warning: ['\x1b[33m', '\x1b[39m'],
  info: ['\x1b[36m', '\x1b[39m'],
  path: ['\x1b[1m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
};

/** `file:line:col severity rule message`, one finding a line, then a summary line unless quiet. */
export function formatText(report: Report, style: TextStyle): string {
  const paint = (what: keyof typeof SGR, text: string): string => (style.color ? SGR[what][0] + text + SGR[what][1] : text);
  const out: string[] = [];
  for (const file of report.files) {
    for (const fixed of file.applied) {
      out.push(`${paint('path', `${file.display}:${fixed.line}:${fixed.column}`)} ${paint('dim', 'fixed')} ${fixed.rule} ${fixed.title}`);
    }
  }
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const file of report.files) {
    for (const { finding } of file.findings) {
      counts[finding.severity]++;
      const { start } = finding.range;
      out.push(
        `${paint('path', `${file.display}:${start.line + 1}:${start.character + 1}`)} ${paint(finding.severity, finding.severity)} ${paint('dim', finding.rule)} ${finding.message}`,
      );
    }
  }
  if (!style.quiet) out.push(summaryLine(report, counts));
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

function summaryLine(report: Report, counts: Record<Severity, number>): string {
  const total = counts.error + counts.warning + counts.info;
  const files = plural(report.files.length, 'file');
  const fixed = report.files.reduce((n, f) => n + f.applied.length, 0);
  const fixedPart = fixed > 0 ? `, ${plural(fixed, 'fix', 'fixes')} applied` : '';
  if (total === 0) return `No findings in ${files}${fixedPart}.`;
  const parts = (['error', 'warning', 'info'] as const).filter((s) => counts[s] > 0).map((s) => plural(counts[s], s, s === 'info' ? s : `${s}s`));
  return `${plural(total, 'finding')} (${parts.join(', ')}) in ${files}${fixedPart}.`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
