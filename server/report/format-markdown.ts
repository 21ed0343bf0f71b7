import type { Report } from './model';
import { summarize } from './summary';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function counts(title: string, rows: Record<string, number>): string[] {
  const entries = Object.entries(rows).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return [];
  return [`## ${title}`, '', '| | findings |', '|---|---:|', ...entries.map(([k, n]) => `| \`${k}\` | ${n} |`), ''];
}

/** The run as a Markdown report: totals, counts per rule and kind, the image inventory, every finding, the files not linted. */
export function formatMarkdown(report: Report): string {
  const summary = summarize(report);
  const { images, findingList, skipped } = summary;
  const out = [
    '# Driftless audit',
    '',
    `${summary.files} files, ${summary.findings} findings, ${images.length} image references (${images.filter((i) => !i.pinned).length} not pinned by digest).`,
    '',
    ...counts('By rule', summary.byRule),
    ...counts('By file kind', summary.byKind),
  ];
  if (images.length > 0) {
    out.push('## Images', '', '| image | tag | pinned | where |', '|---|---|---|---|');
    for (const i of images) out.push(`| \`${cell(i.reference)}\` | ${i.tag ?? ''} | ${i.pinned ? 'yes' : 'no'} | ${cell(i.path)}:${i.line + 1} |`);
    out.push('');
  }
  if (findingList.length > 0) {
    out.push('## Findings', '', '| where | rule | severity | message |', '|---|---|---|---|');
    for (const f of findingList) out.push(`| ${cell(f.path)}:${f.line + 1}:${f.character + 1} | \`${f.rule}\` | ${f.severity} | ${cell(f.message)} |`);
    out.push('');
  }
  if (skipped.length > 0) {
    out.push('## Not linted', '', ...skipped.map((s) => `- ${s.path}: ${s.reason}`), '');
  }
  return out.join('\n');
}
