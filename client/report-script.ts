// The audit report's one script (run under its nonce): links back to the editor, exports, sorting, filters and
// grouping, kept across the panel being hidden and shown (the webview's state).
// Plain JavaScript in a string: it runs in the webview, not in the extension host.

export const REPORT_SCRIPT = `
const vscode = acquireVsCodeApi();
const textOf = new WeakMap();
const searchText = (row) => {
  let text = textOf.get(row);
  if (text === undefined) {
    text = (row.textContent || '').toLowerCase();
    textOf.set(row, text);
  }
  return text;
};
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

function sortTable(button) {
  const th = button.closest('th');
  const table = button.closest('table');
  const key = 'sort' + button.dataset.sort.charAt(0).toUpperCase() + button.dataset.sort.slice(1);
  const numeric = button.dataset.type === 'number';
  const direction = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
  for (const other of table.querySelectorAll('thead th')) other.setAttribute('aria-sort', 'none');
  th.setAttribute('aria-sort', direction);
  const sign = direction === 'ascending' ? 1 : -1;
  for (const body of table.tBodies) {
    const rows = Array.from(body.querySelectorAll(':scope > tr[data-sort-' + button.dataset.sort + ']'));
    rows.sort((a, b) => {
      const x = a.dataset[key] || '';
      const y = b.dataset[key] || '';
      const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
      return sign * order || Number(a.dataset.order) - Number(b.dataset.order);
    });
    for (const row of rows) body.appendChild(row);
  }
}

function filterFindings() {
  const input = document.getElementById('findings-filter');
  if (!input) return;
  const query = input.value.trim().toLowerCase();
  const severities = new Set(Array.from(document.querySelectorAll('.severity-toggle[aria-pressed="true"]'), (b) => b.dataset.severity));
  for (const table of document.querySelectorAll('table.findings')) {
    let shown = 0;
    for (const body of table.tBodies) {
      let visible = 0;
      for (const row of body.querySelectorAll('tr.finding')) {
        row.hidden = !severities.has(row.dataset.severity) || (query !== '' && !searchText(row).includes(query));
        if (!row.hidden) visible++;
      }
      body.hidden = visible === 0;
      shown += visible;
    }
    if (!table.hidden) document.getElementById('findings-shown').textContent = shown + ' of ' + table.dataset.total + ' shown';
  }
}

function filterImages() {
  const input = document.getElementById('images-filter');
  if (!input) return;
  const query = input.value.trim().toLowerCase();
  const unpinnedOnly = document.getElementById('images-unpinned-only').getAttribute('aria-pressed') === 'true';
  const rows = document.querySelectorAll('#images tr.image');
  let shown = 0;
  for (const row of rows) {
    row.hidden = (unpinnedOnly && row.dataset.pinned === 'true') || (query !== '' && !searchText(row).includes(query));
    if (!row.hidden) shown++;
  }
  document.getElementById('images-shown').textContent = shown + ' of ' + rows.length + ' shown';
}

function saveState() {
  const value = (id) => { const input = document.getElementById(id); return input ? input.value : ''; };
  const pressed = (selector) => Array.from(document.querySelectorAll(selector + '[aria-pressed="true"]'), (b) => b.dataset.severity || b.dataset.groupBy || b.id);
  vscode.setState({
    findingsFilter: value('findings-filter'),
    imagesFilter: value('images-filter'),
    severities: pressed('.severity-toggle'),
    groupBy: pressed('.group-by')[0] || 'rule',
    unpinnedOnly: pressed('#images-unpinned-only').length > 0,
  });
}

function restoreState() {
  const state = vscode.getState();
  if (!state) return;
  const findings = document.getElementById('findings-filter');
  if (findings) findings.value = state.findingsFilter;
  const images = document.getElementById('images-filter');
  if (images) images.value = state.imagesFilter;
  for (const b of document.querySelectorAll('.severity-toggle')) b.setAttribute('aria-pressed', String(state.severities.includes(b.dataset.severity)));
  const unpinned = document.getElementById('images-unpinned-only');
  if (unpinned) unpinned.setAttribute('aria-pressed', String(state.unpinnedOnly));
  const grouping = document.querySelector('.group-by[data-group-by="' + state.groupBy + '"]');
  if (grouping) groupBy(grouping);
}

function groupBy(button) {
  for (const other of document.querySelectorAll('.group-by')) other.setAttribute('aria-pressed', String(other === button));
  for (const table of document.querySelectorAll('table.findings')) table.hidden = table.dataset.groupBy !== button.dataset.groupBy;
  filterFindings();
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-uri], [data-export], [data-external], button') : null;
  if (!target) return;
  if (target.dataset.uri) {
    event.preventDefault();
    vscode.postMessage({ type: 'open', uri: target.dataset.uri, line: Number(target.dataset.line), character: Number(target.dataset.character) });
  } else if (target.dataset.external) {
    event.preventDefault();
    vscode.postMessage({ type: 'openExternal', url: target.dataset.external });
  } else if (target.dataset.export) {
    vscode.postMessage({ type: 'export', format: target.dataset.export });
  } else if (target.classList.contains('sort')) {
    sortTable(target);
  } else if (target.classList.contains('twisty')) {
    const expanded = target.getAttribute('aria-expanded') !== 'true';
    target.setAttribute('aria-expanded', String(expanded));
    target.closest('tbody').classList.toggle('collapsed', !expanded);
  } else if (target.classList.contains('severity-toggle')) {
    target.setAttribute('aria-pressed', String(target.getAttribute('aria-pressed') !== 'true'));
    filterFindings();
  } else if (target.classList.contains('group-by')) {
    groupBy(target);
  } else if (target.id === 'images-unpinned-only') {
    target.setAttribute('aria-pressed', String(target.getAttribute('aria-pressed') !== 'true'));
    filterImages();
  }
  saveState();
});
document.addEventListener('input', (event) => {
  if (event.target.id === 'findings-filter') filterFindings();
  else if (event.target.id === 'images-filter') filterImages();
  saveState();
});
restoreState();
filterFindings();
filterImages();
`;
