import type { Severity } from '../../rules/types';
import type { FileReport, Report, ReportWriter } from './model';

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

/**
 * `file:line:col severity rule message`, one finding a line, each file's lines written as soon as it is linted
 * (the fixes applied to it first), then a summary line unless quiet. Only counts are kept.
 */
export class TextReportWriter implements ReportWriter {
  private readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  private files = 0;
  private fixed = 0;

  constructor(
    private readonly style: TextStyle,
    private readonly write: (text: string) => void,
  ) {}

  file(file: FileReport): void {
    this.files++;
    this.fixed += file.applied.length;
    const out: string[] = [];
    for (const fixed of file.applied) {
      out.push(`${this.paint('path', `${file.display}:${fixed.line}:${fixed.column}`)} ${this.paint('dim', 'fixed')} ${fixed.rule} ${fixed.title}`);
    }
    for (const { finding } of file.findings) {
      this.counts[finding.severity]++;
      const { start } = finding.range;
      out.push(
        `${this.paint('path', `${file.display}:${start.line + 1}:${start.character + 1}`)} ${this.paint(finding.severity, finding.severity)} ${this.paint('dim', finding.rule)} ${finding.message}`,
      );
    }
    if (out.length > 0) this.write(`${out.join('\n')}\n`);
  }

  finish(): void {
    if (!this.style.quiet) this.write(`${this.summaryLine()}\n`);
  }

  private paint(what: keyof typeof SGR, text: string): string {
    return this.style.color ? SGR[what][0] + text + SGR[what][1] : text;
  }

  private summaryLine(): string {
    const { counts } = this;
    const total = counts.error + counts.warning + counts.info;
    const files = plural(this.files, 'file');
    const fixedPart = this.fixed > 0 ? `, ${plural(this.fixed, 'fix', 'fixes')} applied` : '';
    if (total === 0) return `No findings in ${files}${fixedPart}.`;
    const parts = (['error', 'warning', 'info'] as const).filter((s) => counts[s] > 0).map((s) => plural(counts[s], s, s === 'info' ? s : `${s}s`));
    return `${plural(total, 'finding')} (${parts.join(', ')}) in ${files}${fixedPart}.`;
  }
}

export function formatText(report: Report, style: TextStyle): string {
  let out = '';
  const writer = new TextReportWriter(style, (text) => (out += text));
  for (const file of report.files) writer.file(file);
  writer.finish();
  return out;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
