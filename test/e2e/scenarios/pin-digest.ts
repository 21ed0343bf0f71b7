import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { multiPlatformImage, seedImages, startRegistry } from '../../support/registry';
import { dockerRegistry } from '../components';
import { waitForFileText } from '../expect-disk';
import type { Scenario } from './index';

export const pinDigest: Scenario = {
  name: '3. pin to digest against a local registry; registry stopped: error notification, file untouched',
  slug: '3-pin-digest',
  needs: [dockerRegistry()],
  async run({ workbench, workspace, figures }) {
    const registry = await startRegistry(dockerRegistry().path);
    let stopped = false;
    try {
      const image = multiPlatformImage('e2e/app', '1.0', 'oci', ['linux/amd64', 'linux/arm64']);
      await seedImages(registry.origin, [image]);
      const reference = `${registry.host}/e2e/app:1.0`;
      const pinned = join(workspace, 'pin', 'Dockerfile');
      mkdirSync(join(workspace, 'pin', 'stopped'), { recursive: true });
      writeFileSync(pinned, `FROM ${reference}\nRUN true\n`);
      const unreachable = join(workspace, 'pin', 'stopped', 'Dockerfile');
      const unreachableText = `FROM ${registry.host}/e2e/app:2.0 AS build\n`;
      writeFileSync(unreachable, unreachableText);

      await workbench.openFile('pin/Dockerfile');
      await workbench.goTo(1, 8);
      const menu = await workbench.openQuickFixMenu();
      figures.add('Ctrl+. -> quick fix menu', menu.ms);
      const title = `Pin ${reference} to digest`;
      assert.ok(menu.titles.includes(title), `"${title}" offered; the menu held: ${JSON.stringify(menu.titles)}`);
      await workbench.chooseQuickFix(title);
      await workbench.save();
      await waitForFileText(pinned, `FROM ${reference}@${image.manifest.digest}\nRUN true\n`);

      await registry.stop();
      stopped = true;
      await workbench.openFile('pin/stopped/Dockerfile');
      await workbench.goTo(1, 8);
      const again = await workbench.openQuickFixMenu();
      const stoppedTitle = `Pin ${registry.host}/e2e/app:2.0 to digest`;
      assert.ok(again.titles.includes(stoppedTitle), `"${stoppedTitle}" offered; the menu held: ${JSON.stringify(again.titles)}`);
      await workbench.chooseQuickFix(stoppedTitle);
      const message = await workbench.waitForNotification('error', `${registry.host}/e2e/app:2.0`);
      assert.match(message, new RegExp(registry.host.replace(/\./g, '\\.')), 'the error names the image');
      assert.equal(await workbench.isDirty(), false, 'the editor holds no unsaved edit');
      assert.equal(readFileSync(unreachable, 'utf8'), unreachableText, 'the file on disk is untouched');
    } finally {
      if (!stopped) await registry.stop();
    }
  },
};
