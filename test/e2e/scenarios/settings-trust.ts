import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { startCodeServer } from '../code-server';
import { openWorkbench } from '../session';
import { copyWorkspace } from '../workspace';
import type { Scenario } from './index';

/** A loopback "registry" that only counts what reaches it. */
async function countingServer(): Promise<{ server: Server; host: string; requests: () => number }> {
  let count = 0;
  const server = createServer((_request, response) => {
    count++;
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no loopback port');
  return { server, host: `127.0.0.1:${address.port}`, requests: () => count };
}

export const settingsAndTrust: Scenario = {
  name: '6. settings: a rule turned off disappears without reload; untrusted workspace lints but does not pin without consent',
  slug: '6-settings-trust',
  async run(session) {
    const { workbench, workspace } = session;
    const manifest = join(workspace, 'k8s', 'web.yaml');
    await workbench.openFile('k8s/web.yaml');
    await workbench.waitForProblems((all) => all.some((p) => p.file === manifest && p.rule === 'image-digest-missing'), 'image-digest-missing in k8s/web.yaml');
    const settingsDir = join(workspace, '.vscode');
    mkdirSync(settingsDir, { recursive: true });
    writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify({ 'driftless.rules': { 'image-digest-missing': 'off' } }));
    try {
      const after = await workbench.waitForProblems(
        (all) => !all.some((p) => p.file === manifest && p.rule === 'image-digest-missing'),
        'image-digest-missing gone from k8s/web.yaml after turning it off',
      );
      assert.ok(after.some((p) => p.file === manifest && p.rule === 'pull-always-mutable'), 'the other rules still report');
    } finally {
      rmSync(settingsDir, { recursive: true, force: true });
    }
    await workbench.waitForProblems((all) => all.some((p) => p.file === manifest && p.rule === 'image-digest-missing'), 'image-digest-missing back once the setting is removed');
    await workbench.screenshot('6a-rule-off');

    const registry = await countingServer();
    const untrustedWorkspace = copyWorkspace();
    const server = await startCodeServer({ vsix: session.vsix, untrusted: true, label: 'untrusted' });
    const page = await session.browser.context.newPage();
    try {
      const dockerfile = join(untrustedWorkspace.dir, 'pin', 'Dockerfile');
      const text = `FROM ${registry.host}/e2e/app:1.0\n`;
      mkdirSync(join(untrustedWorkspace.dir, 'pin'));
      writeFileSync(dockerfile, text);
      const untrusted = await openWorkbench(server, session.browser, untrustedWorkspace.dir, session.pageErrors, page);
      await untrusted.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });

      await untrusted.openFile('pin/Dockerfile');
      // image-digest-missing is info in a Dockerfile: hint dots (linted), not a row in Problems.
      await untrusted.hints().first().waitFor({ timeout: 60_000 });
      await untrusted.goTo(1, 8);
      const menu = await untrusted.openQuickFixMenu();
      const title = `Pin ${registry.host}/e2e/app:1.0 to digest`;
      if (menu.titles.includes(title)) {
        await untrusted.chooseQuickFix(title);
        const message = await untrusted.waitForNotification('error', /untrusted/i);
        assert.match(message, /untrusted/i);
      }
      assert.equal(await untrusted.isDirty(), false, 'no edit in the untrusted workspace');
      assert.equal(readFileSync(dockerfile, 'utf8'), text, 'the file is untouched');
      assert.equal(registry.requests(), 0, 'no request reached the registry without consent');
      await untrusted.screenshot('6b-untrusted');
    } finally {
      await page.close();
      await server.stop();
      untrustedWorkspace.remove();
      await new Promise<void>((resolve) => registry.server.close(() => resolve()));
    }
  },
};
