import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser';
import { startCodeServer, type RunningCodeServer } from './code-server';
import { Figures } from './figures';
import { Workbench } from './workbench';
import { copyWorkspace } from './workspace';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface Session {
  server: RunningCodeServer;
  browser: Browser;
  workbench: Workbench;
  workspace: string;
  vsix: string;
  figures: Figures;
  /** Console errors from the page that are not the known no-network noise. */
  pageErrors: string[];
}

/** Console noise of an offline workbench: the marketplace and GitHub auth. */
const KNOWN_NOISE = /open-vsx\.org|github|marketplace|Failed to load resource/i;

export function packagedVsix(): string {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const vsix = join(REPO_ROOT, `driftless-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: npm run test:e2e runs \`npm run package\` first`);
  return vsix;
}

export async function openWorkbench(server: RunningCodeServer, browser: Browser, folder: string, pageErrors: string[], page?: Page): Promise<Workbench> {
  page ??= await browser.context.newPage();
  // Keys go to the page in front: a second workbench (the untrusted one) must take the focus from the first.
  await page.bringToFront();
  page.on('console', (message) => {
    if (message.type() === 'error' && !KNOWN_NOISE.test(message.text())) pageErrors.push(message.text());
  });
  return Workbench.open(page, server.url, folder);
}

export async function startSession(figures: Figures): Promise<{ session: Session; stop(): Promise<void> }> {
  const vsix = packagedVsix();
  const workspace = copyWorkspace();
  const server = await startCodeServer({ vsix, label: 'trusted' });
  const stops: (() => Promise<void> | void)[] = [() => workspace.remove(), () => server.stop()];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  try {
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    const pageErrors: string[] = [];
    const workbench = await openWorkbench(server, browser, workspace.dir, pageErrors);
    return { session: { server, browser, workbench, workspace: workspace.dir, vsix, figures, pageErrors }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
