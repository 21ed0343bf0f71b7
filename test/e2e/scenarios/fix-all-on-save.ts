import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForFileText } from '../expect-disk';
import { expectedText } from '../workspace';
import type { Scenario } from './index';

/**
 * Workspace settings written as a user would save them. The ruler is there to be seen: once it is drawn,
 * the same file's codeActionsOnSave is in effect too. The file's fixes are unsafe ones, which fix on save
 * applies only once `driftless.unsafeFixes` allows them.
 */
const SETTINGS = {
  'driftless.unsafeFixes': true,
  '[dockerfile]': {
    'editor.codeActionsOnSave': { 'source.fixAll.driftless': 'explicit' },
    'editor.rulers': [100],
  },
};

export const fixAllOnSave: Scenario = {
  name: '4. source.fixAll.driftless through editor.codeActionsOnSave fixes the whole file on save',
  slug: '4-fix-all-on-save',
  async run({ workbench, workspace }) {
    const settingsDir = join(workspace, '.vscode');
    mkdirSync(settingsDir, { recursive: true });
    writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify(SETTINGS, null, 2));
    try {
      await workbench.openFile('fixall/Dockerfile');
      await workbench.page.locator('.editor-group-container.active .monaco-editor .view-ruler').first().waitFor({ timeout: 30_000 });
      await workbench.goTo(4, 1);
      await workbench.page.keyboard.insertText('LABEL org.opencontainers.image.title=tool\n');
      await workbench.save();
      await waitForFileText(join(workspace, 'fixall', 'Dockerfile'), expectedText('fixall/Dockerfile'));
    } finally {
      rmSync(settingsDir, { recursive: true, force: true });
    }
  },
};
