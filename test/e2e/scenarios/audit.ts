import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cliReport } from '../cli';
import type { Scenario } from './index';

/** Records the text of every notification toast shown from now on, however briefly. */
const RECORD_TOASTS = `(() => {
  window.__driftlessToasts = [];
  const seen = window.__driftlessToasts;
  const observer = new MutationObserver(() => {
    for (const toast of document.querySelectorAll('.notifications-toasts .notification-toast')) {
      const text = toast.textContent ?? '';
      const progress = toast.querySelector('.monaco-progress-container') !== null;
      if (!seen.some((s) => s.text === text)) seen.push({ text, progress });
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

export const audit: Scenario = {
  name: '5. Driftless: Audit Workspace: progress, report totals equal the CLI, chart, inventory, link to file:line, status bar',
  slug: '5-audit',
  async run({ workbench, workspace }) {
    const page = workbench.page;
    await page.evaluate(RECORD_TOASTS);
    await workbench.runCommand('Driftless: Audit Workspace');
    const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const findingsTotal = report.locator('#total-findings');
    await findingsTotal.waitFor({ timeout: 60_000 });
    const cli = cliReport(workspace);

    const toasts = (await page.evaluate('window.__driftlessToasts')) as { text: string; progress: boolean }[];
    assert.ok(
      toasts.some((t) => /Driftless: auditing the workspace/.test(t.text)),
      `a progress notification was shown; toasts seen: ${JSON.stringify(toasts)}`,
    );

    assert.equal(Number(await findingsTotal.getAttribute('data-value')), cli.summary.findings, 'total findings equal the CLI summary');
    const bars = await report.locator('#chart-by-rule g.bar').evaluateAll((groups) =>
      groups.map((g) => [g.getAttribute('data-label') ?? '', Number(g.getAttribute('data-count'))] as const),
    );
    assert.deepEqual(Object.fromEntries(bars), cli.summary.byRule, 'findings per rule in the chart equal the CLI summary');
    assert.ok((await report.locator('#chart-by-kind g.bar').count()) > 0, 'a chart per file kind');

    const images = await report.locator('#images tr.image').evaluateAll((rows) =>
      rows.map((r) => ({ reference: r.getAttribute('data-reference') ?? '', pinned: r.getAttribute('data-pinned') === 'true' })),
    );
    assert.ok(images.some((i) => i.reference === 'ubuntu:latest' && !i.pinned), `inventory lists ubuntu:latest unpinned: ${JSON.stringify(images)}`);
    assert.ok(images.some((i) => i.reference === 'nginx:1.25' && !i.pinned), `inventory lists nginx:1.25 unpinned: ${JSON.stringify(images)}`);
    assert.ok(images.some((i) => i.reference.startsWith('debian:12@sha256:') && i.pinned), `inventory lists the pinned debian image: ${JSON.stringify(images)}`);

    const target = cli.findings.find((f) => f.rule === 'live-config-edit' && f.file === join(workspace, 'ansible', 'site.yml'));
    assert.ok(target, 'the CLI reports live-config-edit in ansible/site.yml');
    await report.locator('#findings tr.finding[data-rule="live-config-edit"] a.location').first().click();
    await workbench.editorOf('ansible/site.yml').waitFor({ timeout: 30_000 });
    await page
      .locator('.statusbar-item[id="status.editor.selection"]')
      .filter({ hasText: `Ln ${target.line}, Col ${target.column}` })
      .waitFor({ timeout: 30_000 });

    await page
      .locator('.statusbar-item')
      .filter({ hasText: `${cli.summary.findings} in workspace` })
      .first()
      .waitFor({ timeout: 30_000 });
  },
};
