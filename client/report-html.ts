// The audit report's HTML: no vscode imports, so it renders (and is tested) anywhere.
import type { AuditResult } from '../server/protocol';

export interface ReportPage {
  /** Fresh per render: the only scripts and styles allowed to run carry it. */
  nonce: string;
  /** The webview's own source for the CSP (`webview.cspSource`). */
  cspSource: string;
  result: AuditResult;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 210;
const CHART_WIDTH = 560;

/** A horizontal bar chart as inline SVG, one bar per entry, largest first. */
export function barChart(id: string, title: string, counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return `<p id="${id}" class="empty">No findings.</p>`;
  const max = Math.max(...entries.map(([, n]) => n));
  const barSpace = CHART_WIDTH - LABEL_WIDTH - 50;
  const rows = entries.map(([label, n], i) => {
    const y = i * BAR_HEIGHT;
    const width = Math.max(2, Math.round((n / max) * barSpace));
    return (
      `<g class="bar" data-label="${escapeHtml(label)}" data-count="${n}">` +
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width}" height="${BAR_HEIGHT - 6}"></rect>` +
      `<text x="${LABEL_WIDTH + width + 6}" y="${y + 15}">${n}</text></g>`
    );
  });
  const height = entries.length * BAR_HEIGHT;
  return `<svg id="${id}" role="img" aria-label="${escapeHtml(title)}" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">${rows.join('')}</svg>`;
}

function location(uri: string, line: number, character: number, label: string): string {
  return `<a href="#" class="location" data-uri="${escapeHtml(uri)}" data-line="${line}" data-character="${character}">${escapeHtml(label)}</a>`;
}

function imageRows(result: AuditResult): string {
  if (result.images.length === 0) return '<p class="empty">No image references.</p>';
  const rows = result.images.map(
    (i) =>
      `<tr class="image" data-reference="${escapeHtml(i.reference)}" data-pinned="${i.pinned}">` +
      `<td><code>${escapeHtml(i.reference)}</code></td><td>${escapeHtml(i.tag ?? '')}</td>` +
      `<td>${i.pinned ? 'pinned' : '<strong>not pinned</strong>'}</td>` +
      `<td>${location(i.uri, i.line, i.character, `${i.path}:${i.line + 1}`)}</td></tr>`,
  );
  return `<table id="images"><thead><tr><th>image</th><th>tag</th><th>digest</th><th>where</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function findingRows(result: AuditResult): string {
  if (result.findingList.length === 0) return '<p class="empty">Nothing mutable found.</p>';
  const rows = result.findingList.map(
    (f) =>
      `<tr class="finding severity-${f.severity}" data-rule="${escapeHtml(f.rule)}" data-severity="${f.severity}">` +
      `<td>${location(f.uri, f.line, f.character, `${f.path}:${f.line + 1}:${f.character + 1}`)}</td>` +
      `<td><code>${escapeHtml(f.rule)}</code></td><td>${f.severity}</td><td>${escapeHtml(f.message)}</td></tr>`,
  );
  return `<table id="findings"><thead><tr><th>where</th><th>rule</th><th>severity</th><th>message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function total(id: string, label: string, value: number): string {
  return `<div class="total"><span id="${id}" data-value="${value}">${value}</span> ${label}</div>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; }
.totals { display: flex; gap: 2em; margin: 1em 0; }
.total span { font-size: 2em; font-weight: 600; }
svg text { fill: var(--vscode-foreground); font-size: 12px; }
svg rect { fill: var(--vscode-charts-orange, #d18616); }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); vertical-align: top; }
.severity-error td:nth-child(3) { color: var(--vscode-errorForeground); }
a.location { color: var(--vscode-textLink-foreground); }
.actions button { margin-right: .5em; }
.empty { opacity: .7; }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-uri], [data-export]') : null;
  if (!target) return;
  event.preventDefault();
  if (target.dataset.export) vscode.postMessage({ type: 'export', format: target.dataset.export });
  else vscode.postMessage({ type: 'open', uri: target.dataset.uri, line: Number(target.dataset.line), character: Number(target.dataset.character) });
});
`;

/** The whole page: totals (`#total-files`, `#total-findings`, `#total-images`, `#total-unpinned` with `data-value`), charts, inventory, findings. */
export function renderReport(page: ReportPage): string {
  const { result, nonce, cspSource } = page;
  const unpinned = result.images.filter((i) => !i.pinned).length;
  const csp = `default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Driftless audit</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h1>Driftless audit</h1>
<div class="totals" id="totals">
${total('total-files', 'files', result.files)}
${total('total-findings', 'findings', result.findings)}
${total('total-images', 'image references', result.images.length)}
${total('total-unpinned', 'not pinned by digest', unpinned)}
</div>
<p id="duration" data-ms="${result.durationMs}">Audited in ${result.durationMs} ms.</p>
<div class="actions">
<button data-export="sarif">Export SARIF</button><button data-export="json">Export JSON</button><button data-export="markdown">Export Markdown</button>
</div>
<h2>By rule</h2>
${barChart('chart-by-rule', 'Findings by rule', result.byRule)}
<h2>By file kind</h2>
${barChart('chart-by-kind', 'Findings by file kind', result.byKind)}
<h2>Images</h2>
${imageRows(result)}
<h2>Findings</h2>
${findingRows(result)}
${result.skipped.length > 0 ? `<h2>Not linted</h2><ul id="skipped">${result.skipped.map((s) => `<li>${escapeHtml(s.path)}: ${escapeHtml(s.reason)}</li>`).join('')}</ul>` : ''}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}
