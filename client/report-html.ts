// The audit report's HTML: no vscode imports, so it renders (and is tested) anywhere.
import type { AuditFinding, AuditImage, AuditResult } from '../server/protocol';
import {
  SEVERITIES,
  groupFindings,
  groupImages,
  pinnedShareByKind,
  severityCounts,
  topFiles,
  worstSeverity,
  type FindingGroup,
  type GroupBy,
  type ImageGroup,
  type Severity,
  type SeverityCounts,
} from './report-model';
import { REPORT_SCRIPT } from './report-script';
import { REPORT_STYLE } from './report-style';
import { escapeHtml, inlineMarkdown, visibleControls } from './safe-html';

export interface ReportPage {
  /** Fresh per render: the only scripts and styles allowed to run carry it. */
  nonce: string;
  /** The webview's own source for the CSP (`webview.cspSource`). */
  cspSource: string;
  result: AuditResult;
}

/** How many files "Top files to fix first" lists. */
const TOP_FILES = 10;
/** Places an image row lists before folding the rest under "n more". */
const PLACES_SHOWN = 3;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };
const SEVERITY_PLURAL: Readonly<Record<Severity, [string, string]>> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['info', 'info'] };

/** Workspace or network text for an element's content or attribute: escaped, controls made visible. */
function text(value: string): string {
  return escapeHtml(visibleControls(value));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const CHEVRON = '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M6 3.5 10.5 8 6 12.5"/></svg>';
const SORT_ARROW = '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 12.5v-9M4.5 7 8 3.5 11.5 7"/></svg>';

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 210;
const CHART_WIDTH = 560;

/** A horizontal bar chart as inline SVG, one bar per entry, largest first; `classOf` adds a class to a bar (its severity colour). */
export function barChart(id: string, title: string, counts: Record<string, number>, classOf: (label: string) => string = () => ''): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return `<p id="${id}" class="empty">No findings.</p>`;
  const max = Math.max(...entries.map(([, n]) => n));
  const barSpace = CHART_WIDTH - LABEL_WIDTH - 50;
  const rows = entries.map(([label, n], i) => {
    const y = i * BAR_HEIGHT;
    const width = Math.max(2, Math.round((n / max) * barSpace));
    const extra = classOf(label);
    return (
      `<g class="bar${extra ? ` ${extra}` : ''}" data-label="${text(label)}" data-count="${n}">` +
      `<title>${text(label)}: ${n}</title>` +
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${text(label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width}" height="${BAR_HEIGHT - 6}" rx="2"></rect>` +
      `<text class="count" x="${LABEL_WIDTH + width + 6}" y="${y + 15}">${n}</text></g>`
    );
  });
  const height = entries.length * BAR_HEIGHT;
  return `<svg id="${id}" class="chart" role="img" aria-label="${text(title)}" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">${rows.join('')}</svg>`;
}

/** A link to a place; the `:line:column` part stays in view when a long path is cut short. */
function location(place: { uri: string; line: number; character: number }, path: string, suffix = '', title = `${path}${suffix}`): string {
  return (
    `<a href="#" class="location" title="${text(title)}" data-uri="${text(place.uri)}" data-line="${place.line}" data-character="${place.character}">` +
    `<span class="path">${text(path)}</span>${suffix ? `<span class="suffix">${text(suffix)}</span>` : ''}</a>`
  );
}

function severityChips(counts: SeverityCounts): string {
  const chips = SEVERITIES.filter((s) => counts[s] > 0).map(
    (s) => `<span class="sev severity-${s}" data-severity="${s}" data-count="${counts[s]}"><span class="dot"></span>${plural(counts[s], ...SEVERITY_PLURAL[s])}</span>`,
  );
  return `<span class="chips">${chips.join('')}</span>`;
}

function total(id: string, value: number, label: string, detail: string): string {
  return `<div class="card total"><span class="value" id="${id}" data-value="${value}">${value}</span><span class="label">${label}</span><span class="detail">${detail}</span></div>`;
}

function totals(result: AuditResult, groups: readonly ImageGroup[]): string {
  const unpinned = result.images.filter((i) => !i.pinned).length;
  const pinnedShare = result.images.length === 0 ? '' : `${percent(result.images.length - unpinned, result.images.length)} pinned by digest`;
  const files =
    `<span id="files-breakdown" data-linted="${result.files}" data-unclassified="${result.unclassified}" data-unread="${result.unread}">` +
    `${[`${result.files} linted`, ...(result.unclassified > 0 ? [`${result.unclassified} not infrastructure code`] : []), ...(result.unread > 0 ? [`${result.unread} not read`] : [])].join(' · ')}</span>`;
  return `<section class="totals" id="totals">
${total('total-files', result.examined, 'files examined', files)}
${total('total-findings', result.findings, 'findings', severityChips(severityCounts(result.findingList)))}
${total('total-images', result.images.length, 'image references', plural(groups.length, 'distinct image', 'distinct images'))}
${total('total-unpinned', unpinned, 'not pinned by digest', pinnedShare)}
</section>`;
}

/** Rounded down, so that "100%" means all of them. */
function percent(part: number, whole: number): string {
  return `${Math.floor((part / whole) * 100)}%`;
}

function pinnedByKind(images: readonly AuditImage[]): string {
  const shares = pinnedShareByKind(images);
  if (shares.length === 0) return '<p id="pinned-by-kind" class="empty">No image references.</p>';
  const rows = shares.map((s) => {
    const filled = Math.round((s.pinned / s.total) * 100);
    return (
      `<li class="share" data-kind="${text(s.kind)}" data-pinned="${s.pinned}" data-total="${s.total}">` +
      `<span class="ellipsis" title="${text(s.kind)}">${text(s.kind)}</span>` +
      `<svg class="meter" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${percent(s.pinned, s.total)} pinned">` +
      `<rect class="track" width="100" height="8" rx="4"></rect>${filled > 0 ? `<rect class="fill" width="${filled}" height="8" rx="4"></rect>` : ''}</svg>` +
      `<span class="figure">${percent(s.pinned, s.total)} <span class="muted">${s.pinned} of ${s.total}</span></span></li>`
    );
  });
  return `<ul id="pinned-by-kind">${rows.join('')}</ul>`;
}

function topFileList(findings: readonly AuditFinding[]): string {
  const files = topFiles(findings, TOP_FILES);
  if (files.length === 0) return '<p id="top-files" class="empty">Nothing to fix.</p>';
  const rows = files.map(
    (f, i) =>
      `<li class="top-file" data-path="${text(f.key)}" data-score="${f.score}"><span class="rank">${i + 1}.</span>` +
      `${location(f.findings[0], f.key)}${severityChips(f.counts)}</li>`,
  );
  return `<ol id="top-files">${rows.join('')}</ol>`;
}

function sortHeader(key: string, label: string, type: 'text' | 'number' = 'text', className = ''): string {
  return `<th aria-sort="none"${className ? ` class="${className}"` : ''}><button class="sort" data-sort="${key}" data-type="${type}">${label}${SORT_ARROW}</button></th>`;
}

function places(group: ImageGroup): string {
  const item = (p: AuditImage) => `<li>${location(p, p.path, `:${p.line + 1}`)}</li>`;
  const shown = group.places.length > PLACES_SHOWN + 1 ? group.places.slice(0, PLACES_SHOWN) : group.places;
  const rest = group.places.slice(shown.length);
  const more = rest.length > 0 ? `<details><summary>${rest.length} more</summary><ul class="places">${rest.map(item).join('')}</ul></details>` : '';
  return `<ul class="places">${shown.map(item).join('')}</ul>${more}`;
}

function imageTable(images: readonly AuditImage[], groups: readonly ImageGroup[]): string {
  if (images.length === 0) return '<p class="empty" id="images">No image references.</p>';
  const rows = groups.map((g, i) => {
    const first = g.places[0];
    const digest = g.digest
      ? `<span class="pinned ellipsis" title="${text(g.digest)}">pinned ${text(g.digest.slice(0, 19))}…</span>`
      : '<span class="unpinned">not pinned</span>';
    return (
      `<tr class="image" data-reference="${text(g.reference)}" data-pinned="${g.pinned}" data-count="${g.places.length}" data-order="${i}" ` +
      `data-sort-reference="${text(g.reference)}" data-sort-tag="${text(g.tag ?? '')}" data-sort-pinned="${Number(g.pinned)}" ` +
      `data-sort-count="${g.places.length}" data-sort-where="${text(`${first.path}:${String(first.line).padStart(8, '0')}`)}">` +
      `<td><code class="ellipsis" title="${text(g.reference)}">${text(g.reference)}</code></td>` +
      `<td><span class="ellipsis" title="${text(g.tag ?? '')}">${text(g.tag ?? '')}</span></td>` +
      `<td>${digest}</td><td class="number">${g.places.length}</td><td>${places(g)}</td></tr>`
    );
  });
  return (
    `<div class="toolbar"><input type="search" id="images-filter" class="filter" placeholder="Filter by image, tag or file" aria-label="Filter images">` +
    `<button class="toggle" id="images-unpinned-only" aria-pressed="false">Not pinned only</button><span class="shown" id="images-shown">${groups.length} of ${groups.length} shown</span></div>` +
    `<table id="images" class="sortable"><colgroup><col class="c-image"><col class="c-tag"><col class="c-digest"><col class="c-count"><col class="c-places"></colgroup>` +
    `<thead><tr>${sortHeader('reference', 'Image')}${sortHeader('tag', 'Tag')}${sortHeader('pinned', 'Digest', 'number')}` +
    `${sortHeader('count', 'Uses', 'number', 'number')}${sortHeader('where', 'Where')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function findingRow(f: AuditFinding, by: GroupBy, order: number): string {
  const suffix = `:${f.line + 1}:${f.character + 1}`;
  const sortKeys =
    `data-order="${order}" data-sort-where="${text(`${f.path}:${String(f.line).padStart(8, '0')}:${String(f.character).padStart(6, '0')}`)}" ` +
    `data-sort-rule="${text(f.rule)}" data-sort-severity="${SEVERITY_RANK[f.severity]}" data-sort-message="${text(f.message)}"`;
  const first =
    by === 'rule'
      ? `<td>${location(f, f.path, suffix)}</td>`
      : `<td>${location(f, `${f.line + 1}:${f.character + 1}`, '', `${f.path}${suffix}`)}</td><td><code class="ellipsis" title="${text(f.rule)}">${text(f.rule)}</code></td>`;
  return (
    `<tr class="finding severity-${f.severity}" data-rule="${text(f.rule)}" data-severity="${f.severity}" data-path="${text(f.path)}" ${sortKeys}>` +
    `${first}<td><span class="sev"><span class="dot"></span><span class="sev-label">${f.severity}</span></span></td>` +
    `<td class="message">${inlineMarkdown(f.message)}</td></tr>`
  );
}

function groupHeader(group: FindingGroup, by: GroupBy, columns: number): string {
  const label = by === 'rule' ? `<code>${text(group.key)}</code>` : `<span class="ellipsis" title="${text(group.key)}">${text(group.key)}</span>`;
  const kind = by === 'file' ? `<span class="muted">${text(group.findings[0].kind)}</span>` : '';
  return (
    `<tr class="group-header"><th colspan="${columns}"><div class="group-line">` +
    `<button class="twisty" aria-expanded="true" title="Fold or unfold">${CHEVRON}${label}</button>${kind}${severityChips(group.counts)}</div></th></tr>`
  );
}

function findingTable(findings: readonly AuditFinding[], by: GroupBy, hidden: boolean): string {
  const groups = groupFindings(findings, by);
  let order = 0;
  const columns = by === 'rule' ? 3 : 4;
  const bodies = groups.map((g) => {
    const rows = g.findings.map((f) => findingRow(f, by, order++));
    return `<tbody class="group severity-${worstSeverity(g.counts)}" data-key="${text(g.key)}" data-count="${g.findings.length}">${groupHeader(g, by, columns)}${rows.join('')}</tbody>`;
  });
  const cols = by === 'rule' ? '<col class="c-where"><col class="c-severity"><col>' : '<col class="c-line"><col class="c-rule"><col class="c-severity"><col>';
  const headers =
    by === 'rule'
      ? `${sortHeader('where', 'Where')}${sortHeader('severity', 'Severity', 'number')}${sortHeader('message', 'Message')}`
      : `${sortHeader('where', 'Line')}${sortHeader('rule', 'Rule')}${sortHeader('severity', 'Severity', 'number')}${sortHeader('message', 'Message')}`;
  return (
    `<table id="findings-by-${by}" class="findings sortable" data-group-by="${by}" data-total="${findings.length}"${hidden ? ' hidden' : ''}>` +
    `<colgroup>${cols}</colgroup><thead><tr>${headers}</tr></thead>${bodies.join('')}</table>`
  );
}

function findingsSection(findings: readonly AuditFinding[]): string {
  if (findings.length === 0) return '<p class="empty">Nothing mutable found.</p>';
  const counts = severityCounts(findings);
  const toggles = SEVERITIES.map(
    (s) =>
      `<button class="toggle severity-toggle severity-${s}" data-severity="${s}" aria-pressed="true" title="Show ${SEVERITY_PLURAL[s][1]}">` +
      `<span class="dot"></span>${SEVERITY_PLURAL[s][1]} <span class="badge">${counts[s]}</span></button>`,
  ).join('');
  const grouping =
    '<button class="toggle group-by" data-group-by="rule" aria-pressed="true">By rule</button>' +
    '<button class="toggle group-by" data-group-by="file" aria-pressed="false">By file</button>';
  return (
    `<div class="toolbar"><input type="search" id="findings-filter" class="filter" placeholder="Filter by file, rule or message" aria-label="Filter findings">` +
    `<div class="segmented" role="group" aria-label="Severities shown">${toggles}</div>` +
    `<div class="segmented" role="group" aria-label="Group findings">${grouping}</div>` +
    `<span class="shown" id="findings-shown">${findings.length} of ${findings.length} shown</span></div>` +
    findingTable(findings, 'rule', false) +
    findingTable(findings, 'file', true)
  );
}

/** A rule's bar takes the colour of the worst severity it was reported at. */
function ruleSeverity(findings: readonly AuditFinding[]): (rule: string) => string {
  const worst = new Map<string, Severity>();
  for (const f of findings) {
    const seen = worst.get(f.rule);
    if (!seen || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen]) worst.set(f.rule, f.severity);
  }
  return (rule) => `severity-${worst.get(rule) ?? 'info'}`;
}

/**
 * The whole page: totals (`#total-files` = the files the progress counted, `#total-findings`, `#total-images`,
 * `#total-unpinned`, each with `data-value`), the platform lead's overview (`#pinned-by-kind`, `#top-files`),
 * charts (`#chart-by-rule`, `#chart-by-kind`), the image table (`#images`, one `tr.image` per reference) and the
 * findings (`#findings`, grouped by rule and by file), all in theme colours.
 */
export function renderReport(page: ReportPage): string {
  const { result, nonce, cspSource } = page;
  const groups = groupImages(result.images);
  const csp = `default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  const skipped =
    result.skipped.length > 0
      ? `<h2>Not linted <span class="badge">${result.skipped.length}</span></h2><ul id="skipped">${result.skipped.map((s) => `<li>${text(s.path)}: ${text(s.reason)}</li>`).join('')}</ul>`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Driftless audit</title>
<style nonce="${nonce}">${REPORT_STYLE}</style>
</head>
<body>
<header>
<div><h1>Driftless audit</h1><p id="duration" class="muted" data-ms="${result.durationMs}">Audited in ${result.durationMs} ms.</p></div>
<div class="actions">
<button class="button primary" data-export="sarif">Export SARIF</button><button class="button" data-export="json">Export JSON</button><button class="button" data-export="markdown">Export Markdown</button>
</div>
</header>
${totals(result, groups)}
<section class="overview">
<div class="card"><h3>Pinned by digest, per file kind</h3>${pinnedByKind(result.images)}</div>
<div class="card"><h3>Top files to fix first</h3>${topFileList(result.findingList)}</div>
</section>
<section class="charts">
<div class="card"><h3>Findings by rule</h3>${barChart('chart-by-rule', 'Findings by rule', result.byRule, ruleSeverity(result.findingList))}</div>
<div class="card"><h3>Findings by file kind</h3>${barChart('chart-by-kind', 'Findings by file kind', result.byKind)}</div>
</section>
<section id="images-section">
<h2>Images <span class="badge">${groups.length}</span></h2>
${imageTable(result.images, groups)}
</section>
<section id="findings">
<h2>Findings <span class="badge">${result.findingList.length}</span></h2>
${findingsSection(result.findingList)}
</section>
${skipped}
<script nonce="${nonce}">${REPORT_SCRIPT}</script>
</body>
</html>`;
}
