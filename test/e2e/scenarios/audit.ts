import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { cliReport } from '../cli';
import { contrast, luminance, parseHex, parseRgb, type Rgb } from '../colours';
import type { Workbench } from '../workbench';
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

// Expressions as strings where they need the window (not in this project's types) or a helper function (tsx's
// keepNames helper is not in the page); evaluated in the report's frame.

/** The rows of a table in the report that are shown, as `attribute` values. */
async function shownRows(report: FrameLocator, selector: string, attribute: string): Promise<string[]> {
  return report.locator(selector).evaluateAll((rows, name) => rows.filter((r) => r.closest('[hidden]') === null).map((r) => r.getAttribute(name) ?? ''), attribute);
}

/** The report's own scroll width against its viewport, and how far right its links reach, at a window width. */
async function overflowAt(page: Page, report: FrameLocator, width: number): Promise<{ scrollWidth: number; clientWidth: number; rightmostLink: number }> {
  await page.setViewportSize({ width, height: 1000 });
  await page.waitForTimeout(500);
  return (await report.locator('body').evaluate(`({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    rightmostLink: Math.max(...Array.from(document.querySelectorAll('#images a.location, #findings-by-rule a.location'), (a) => a.getBoundingClientRect().right)),
  })`)) as { scrollWidth: number; clientWidth: number; rightmostLink: number };
}

/** Computed colours in the report: its body, a link, an error's severity label, the primary button. */
const READ_COLOURS = `(() => {
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  return {
    background: style('body').backgroundColor,
    text: style('body').color,
    link: style('#images a.location').color,
    error: style('#findings-by-rule tr.finding.severity-error .sev-label').color,
    button: style('.button.primary').backgroundColor,
  };
})()`;

interface ThemeReading {
  background: Rgb;
  text: Rgb;
  link: Rgb;
  error: Rgb;
  button: Rgb;
}

const EDITOR_BACKGROUND = `getComputedStyle(document.querySelector(SELECTOR)).getPropertyValue('--vscode-editor-background').trim()`;

/**
 * Switches the workbench's colour theme through the workspace settings; resolves once the workbench wears it
 * (its class names the theme's file) and the report has its editor background.
 */
async function inTheme(workbench: Workbench, report: FrameLocator, theme: string, themeFile: string): Promise<ThemeReading> {
  const page = workbench.page;
  const settingsDir = join(workbench.folder, '.vscode');
  mkdirSync(settingsDir, { recursive: true });
  writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify({ 'workbench.colorTheme': theme }));
  await page.locator(`.monaco-workbench[class*="${themeFile}"]`).waitFor({ timeout: 30_000 });
  const expected = ((await page.evaluate(EDITOR_BACKGROUND.replace('SELECTOR', "'.monaco-workbench .part.editor'"))) as string).toLowerCase();
  const deadline = Date.now() + 30_000;
  let seen = '';
  while ((seen = ((await report.locator('body').evaluate(EDITOR_BACKGROUND.replace('SELECTOR', "'body'"))) as string).toLowerCase()) !== expected) {
    if (Date.now() > deadline) throw new Error(`the report never took the ${theme} theme: its editor background is ${seen}, the workbench's ${expected}`);
    await page.waitForTimeout(250);
  }
  const css = (await report.locator('body').evaluate(READ_COLOURS)) as Record<keyof ThemeReading, string>;
  const reading = { background: parseRgb(css.background), text: parseRgb(css.text), link: parseRgb(css.link), error: parseRgb(css.error), button: parseRgb(css.button) };
  assert.deepEqual(reading.background, parseHex(expected), `the report's background is ${theme}'s editor background`);
  return reading;
}

export const audit: Scenario = {
  name: '5. Driftless: Audit Workspace: progress and report count the same files, totals equal the CLI, chart, grouped image table, filters, light and dark themes, link to file:line, status bar',
  slug: '5-audit',
  async run({ workbench, workspace }, t) {
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
    const examined = Number(await report.locator('#total-files').getAttribute('data-value'));
    const counted = toasts.map((t) => /of (\d+) files/.exec(t.text)?.[1]).filter((n): n is string => n !== undefined);
    // The LSP test holds the two numbers equal every time; here the workspace is small enough that the
    // notification may close before it renders a count.
    if (counted.length > 0) assert.deepEqual([...new Set(counted)].map(Number), [examined], 'the progress and the report count the same files');
    else t.diagnostic(`the progress notification closed before showing a file count; toasts seen: ${JSON.stringify(toasts)}`);
    assert.equal(Number(await report.locator('#files-breakdown').getAttribute('data-linted')), cli.summary.files, 'files linted equal the CLI summary');
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
    assert.equal(new Set(images.map((i) => i.reference)).size, images.length, 'one row per image reference');
    assert.ok((await report.locator('#pinned-by-kind .share').count()) > 0, 'the pinned share per file kind');
    assert.ok((await report.locator('#top-files .top-file').count()) > 0, 'the files to fix first');

    await report.locator('#images button.sort[data-sort="count"]').click();
    await report.locator('#images button.sort[data-sort="count"]').click();
    const counts = (await shownRows(report, '#images tr.image', 'data-count')).map(Number);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'the image table sorts by uses, most first');
    await report.locator('#images-unpinned-only').click();
    assert.ok(!(await shownRows(report, '#images tr.image', 'data-pinned')).includes('true'), 'the pinned images filter away');
    await report.locator('#images-unpinned-only').click();

    await report.locator('#findings-filter').fill('ansible/');
    const paths = await shownRows(report, '#findings-by-rule tr.finding', 'data-path');
    assert.ok(paths.length > 0 && paths.every((p) => p.startsWith('ansible/')), `the text filter keeps ansible/ findings only: ${JSON.stringify(paths)}`);
    await report.locator('#findings-filter').fill('');
    await report.locator('.severity-toggle[data-severity="warning"]').click();
    const severities = await shownRows(report, '#findings-by-rule tr.finding', 'data-severity');
    assert.ok(severities.length > 0 && !severities.includes('warning'), `the severity filter hides warnings: ${JSON.stringify(severities)}`);
    await report.locator('.severity-toggle[data-severity="warning"]').click();
    await report.locator('.group-by[data-group-by="file"]').click();
    assert.equal(await report.locator('#findings-by-file').isVisible(), true, 'findings grouped by file on request');
    assert.equal((await shownRows(report, '#findings-by-file tr.finding', 'data-rule')).length, cli.summary.findings);
    await report.locator('.group-by[data-group-by="rule"]').click();

    const viewport = page.viewportSize();
    try {
      const wide = await overflowAt(page, report, 1600);
      assert.ok(wide.scrollWidth <= wide.clientWidth, `no horizontal overflow at 1600 px: ${JSON.stringify(wide)}`);
      assert.ok(wide.rightmostLink <= wide.clientWidth, `every file:line link is within the view at 1600 px: ${JSON.stringify(wide)}`);
      t.diagnostic(`at 1600 px: report ${wide.clientWidth} px wide, content ${wide.scrollWidth} px, rightmost link ends at ${Math.round(wide.rightmostLink)} px`);
    } finally {
      if (viewport) await page.setViewportSize(viewport);
    }

    // The screenshots show the report from its top, with the whole editor area (earlier scenarios open Problems).
    if (await page.locator('.part.panel').isVisible()) await workbench.runCommand('View: Hide Panel');
    await report.locator('body').evaluate('window.scrollTo(0, 0)');
    try {
      const light = await inTheme(workbench, report, 'Light Modern', 'light_modern');
      await workbench.screenshot('5-audit-light');
      const dark = await inTheme(workbench, report, 'Dark Modern', 'dark_modern');
      await workbench.screenshot('5-audit-dark');
      assert.ok(luminance(light.background) > 0.5 && luminance(dark.background) < 0.2, 'a light background, then a dark one');
      assert.notDeepEqual(light.background, dark.background, 'the report takes the theme\'s background');
      assert.notDeepEqual(light.text, dark.text, 'and its text colour');
      for (const [theme, reading] of [['light', light], ['dark', dark]] as const) {
        t.diagnostic(
          `${theme}: text ${contrast(reading.text, reading.background).toFixed(2)}:1, link ${contrast(reading.link, reading.background).toFixed(2)}:1, ` +
            `error ${contrast(reading.error, reading.background).toFixed(2)}:1 against the background`,
        );
        assert.ok(contrast(reading.text, reading.background) >= 4.5, `${theme}: text contrast ${contrast(reading.text, reading.background).toFixed(2)} is at least 4.5`);
        assert.ok(contrast(reading.link, reading.background) >= 3, `${theme}: link contrast ${contrast(reading.link, reading.background).toFixed(2)} is at least 3`);
        assert.ok(contrast(reading.error, reading.background) >= 3, `${theme}: error colour contrast ${contrast(reading.error, reading.background).toFixed(2)} is at least 3`);
        assert.ok(reading.button.alpha > 0, `${theme}: the export button has the theme's button colour`);
      }
    } finally {
      rmSync(join(workbench.folder, '.vscode'), { recursive: true, force: true });
    }

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
