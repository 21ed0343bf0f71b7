import type { AuditResult } from './audit';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function counts(title: string, rows: Record<string, number>): string[] {
  const entries = Object.entries(rows).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return [];
  return [`## ${title}`, '', '| | findings |', '|---|---:|', ...entries.map(([k, n]) => `| \`${k}\` | ${n} |`), ''];
}

/** The audit as a Markdown report: totals, counts per rule and kind, the image inventory, every finding. */
export function formatAuditMarkdown(result: AuditResult): string {
  const out = [
    '# Driftless audit',
    '',
    `${result.files} files, ${result.findings} findings, ${result.images.length} image references (${result.images.filter((i) => !i.pinned).length} not pinned by digest).`,
    '',
    ...counts('By rule', result.byRule),
    ...counts('By file kind', result.byKind),
  ];
  if (result.images.length > 0) {
    out.push('## Images', '', '| image | tag | pinned | where |', '|---|---|---|---|');
    for (const i of result.images) out.push(`| \`${cell(i.reference)}\` | ${i.tag ?? ''} | ${i.pinned ? 'yes' : 'no'} | ${cell(i.path)}:${i.line + 1} |`);
    out.push('');
  }
  if (result.findingList.length > 0) {
    out.push('## Findings', '', '| where | rule | severity | message |', '|---|---|---|---|');
    for (const f of result.findingList) out.push(`| ${cell(f.path)}:${f.line + 1}:${f.character + 1} | \`${f.rule}\` | ${f.severity} | ${cell(f.message)} |`);
    out.push('');
  }
  if (result.skipped.length > 0) {
    out.push('## Not linted', '', ...result.skipped.map((s) => `- ${s.path}: ${s.reason}`), '');
  }
  return out.join('\n');
}
