// The audit report's look: VS Code's theme colours only (its `--vscode-*` variables), so it reads in every theme.

export const REPORT_STYLE = `
body {
  background-color: var(--vscode-editor-background);
  color: var(--vscode-foreground);
  font-family: var(--vscode-font-family);
  font-size: var(--vscode-font-size);
  font-weight: var(--vscode-font-weight);
  line-height: 1.4;
  margin: 0;
  padding: 0 24px 32px;
}
h1 { font-size: 1.6em; font-weight: 600; margin: 0; }
h2 { font-size: 1.15em; font-weight: 600; margin: 28px 0 10px; display: flex; align-items: center; gap: 8px; }
h3 { font-size: 1em; font-weight: 600; margin: 0 0 10px; }
code { font-family: var(--vscode-editor-font-family); font-size: 0.95em; background: var(--vscode-textCodeBlock-background); color: var(--vscode-textPreformat-foreground); padding: 0 3px; border-radius: 3px; }
a, a.location, a.external { color: var(--vscode-textLink-foreground); text-decoration: none; cursor: pointer; }
a:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
a.location { display: inline-flex; max-width: 100%; min-width: 0; white-space: nowrap; }
a.location .path { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
a.location .suffix { flex: none; }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.muted, .empty { color: var(--vscode-descriptionForeground); }
[hidden] { display: none !important; }

.icon { width: 16px; height: 16px; flex: none; fill: none; stroke: currentColor; stroke-width: 1.4; stroke-linecap: round; stroke-linejoin: round; vertical-align: -3px; }

header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 12px; padding: 18px 0 6px; border-bottom: 1px solid var(--vscode-panel-border); }
header .muted { margin: 4px 0 0; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }

.button, .toggle {
  display: inline-flex; align-items: center; gap: 6px;
  font: inherit; line-height: 18px; padding: 4px 10px; border-radius: 2px; cursor: pointer;
  border: 1px solid var(--vscode-button-border, transparent);
  background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground);
}
.button:hover { background: var(--vscode-button-secondaryHoverBackground); }
.button.primary { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
.button.primary:hover { background: var(--vscode-button-hoverBackground); }
.toggle { background: transparent; color: var(--vscode-foreground); border-color: var(--vscode-input-border, var(--vscode-panel-border)); }
.toggle:hover { background: var(--vscode-toolbar-hoverBackground); }
.toggle[aria-pressed="true"] { background: var(--vscode-inputOption-activeBackground); border-color: var(--vscode-inputOption-activeBorder); color: var(--vscode-inputOption-activeForeground); }
.segmented { display: inline-flex; gap: 4px; }
.badge { display: inline-block; min-width: 18px; padding: 0 5px; border-radius: 9px; font-size: 0.85em; line-height: 18px; text-align: center; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }

.severity-error { --severity: var(--vscode-editorError-foreground); }
.severity-warning { --severity: var(--vscode-editorWarning-foreground); }
.severity-info { --severity: var(--vscode-editorInfo-foreground); }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--severity); flex: none; }
.sev { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; }
.sev-label { color: var(--severity); font-weight: 600; }
.chips { display: inline-flex; flex-wrap: wrap; gap: 10px; font-weight: normal; }

.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 18px 0; }
.card { background: var(--vscode-editorWidget-background); border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); border-radius: 4px; padding: 12px 14px; min-width: 0; }
.total .value { display: block; font-size: 2em; font-weight: 600; line-height: 1.2; }
.total .label { display: block; }
.total .detail { display: flex; flex-wrap: wrap; gap: 4px 10px; margin-top: 6px; color: var(--vscode-descriptionForeground); }

.overview { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 12px; align-items: start; }
.overview ol, .overview ul { list-style: none; margin: 0; padding: 0; }
.share { display: grid; grid-template-columns: minmax(90px, 140px) 1fr minmax(110px, auto); align-items: center; gap: 10px; padding: 3px 0; }
.meter { width: 100%; height: 8px; display: block; }
.meter .track { fill: var(--vscode-scrollbarSlider-background); }
.meter .fill { fill: var(--vscode-charts-green); }
.share .figure { text-align: right; white-space: nowrap; }
.top-file { display: grid; grid-template-columns: 1.5em minmax(0, 1fr) auto; gap: 8px; align-items: baseline; padding: 3px 0; }
.top-file .rank { color: var(--vscode-descriptionForeground); text-align: right; }

.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; margin-top: 12px; align-items: start; }
.chart { max-width: 100%; height: auto; display: block; }
.chart text { fill: var(--vscode-foreground); font-size: 12px; font-family: var(--vscode-font-family); }
.chart text.count { fill: var(--vscode-descriptionForeground); }
.chart rect { fill: var(--vscode-charts-blue); }
.chart .bar.severity-error rect { fill: var(--vscode-editorError-foreground); }
.chart .bar.severity-warning rect { fill: var(--vscode-editorWarning-foreground); }
.chart .bar.severity-info rect { fill: var(--vscode-editorInfo-foreground); }

.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin-bottom: 8px; }
.filter {
  font: inherit; padding: 4px 6px; min-width: 240px; flex: 0 1 360px; border-radius: 2px;
  background: var(--vscode-input-background); color: var(--vscode-input-foreground);
  border: 1px solid var(--vscode-input-border, transparent);
}
.filter::placeholder { color: var(--vscode-input-placeholderForeground); }
.shown { color: var(--vscode-descriptionForeground); margin-left: auto; }

table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { text-align: left; padding: 4px 8px; vertical-align: top; border-bottom: 1px solid var(--vscode-editorGroup-border, var(--vscode-panel-border)); min-width: 0; }
thead th { font-weight: 600; color: var(--vscode-descriptionForeground); border-bottom-color: var(--vscode-panel-border); white-space: nowrap; }
tbody tr:hover > td { background: var(--vscode-list-hoverBackground); }
.ellipsis { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 100%; }
td.message { overflow-wrap: anywhere; white-space: pre-line; }
td.number, th.number { text-align: right; }
button.sort { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; display: inline-flex; align-items: center; gap: 2px; }
button.sort .icon { opacity: 0; }
button.sort:hover .icon, th[aria-sort="ascending"] .icon, th[aria-sort="descending"] .icon { opacity: 1; }
th[aria-sort="descending"] .icon { transform: scaleY(-1); }

#images col.c-image { width: 34%; }
#images col.c-tag { width: 12%; }
#images col.c-digest { width: 16%; }
#images col.c-count { width: 7%; }
#images col.c-places { width: 31%; }
.pinned { color: var(--vscode-charts-green); }
.unpinned { color: var(--vscode-editorWarning-foreground); font-weight: 600; }
ul.places { list-style: none; margin: 0; padding: 0; }
ul.places li { min-width: 0; }
details summary { cursor: pointer; color: var(--vscode-textLink-foreground); }

table.findings col.c-where { width: 26%; }
table.findings col.c-line { width: 9%; }
table.findings col.c-rule { width: 20%; }
table.findings col.c-severity { width: 10%; }
tr.group-header th { background: var(--vscode-sideBarSectionHeader-background); color: var(--vscode-sideBarSectionHeader-foreground, var(--vscode-foreground)); padding: 0; }
tr.group-header .group-line { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; padding: 4px 8px; min-width: 0; }
button.twisty { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; display: inline-flex; align-items: center; gap: 4px; min-width: 0; max-width: 100%; }
button.twisty[aria-expanded="true"] .icon { transform: rotate(90deg); }
tbody.collapsed tr.finding { display: none; }
`;
