import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareRepository, findGitHttpBackend, git, GIT_HTTP_BACKEND, repositoryRoot, startGitServer } from '../../support/git-http';
import type { Component } from '../components';
import { waitForFileText } from '../expect-disk';
import type { Scenario } from './index';

function gitHttpBackend(): Component {
  return { what: 'git http-backend (git)', path: GIT_HTTP_BACKEND[0], probe: GIT_HTTP_BACKEND[0] };
}

export const pinCommit: Scenario = {
  name: '3b. pin an action to its commit from the quick fix, against git http-backend on loopback',
  slug: '3b-pin-commit',
  needs: [gitHttpBackend()],
  async run({ workbench, workspace, figures }) {
    const { root, remove } = repositoryRoot();
    const tools = bareRepository(root, 'acme/tools');
    const release = tools.commit('release 1.2.3');
    git(tools.gitDir, ['tag', '-a', 'v1.2.3', '-m', 'release 1.2.3', release]);
    git(tools.gitDir, ['update-ref', 'refs/tags/v1', release]);
    const server = await startGitServer(findGitHttpBackend() as string, root);
    try {
      const folder = join(workspace, 'pin-action');
      mkdirSync(join(folder, '.github', 'workflows'), { recursive: true });
      writeFileSync(join(folder, '.driftless.yaml'), `github:\n  url: ${server.origin}\n`);
      const workflow = (uses: string) => `on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: ${uses}\n`;
      const file = join(folder, '.github', 'workflows', 'ci.yml');
      writeFileSync(file, workflow('acme/tools@v1'));

      await workbench.openFile('pin-action/.github/workflows/ci.yml');
      await workbench.goTo(6, 15);
      const menu = await workbench.openQuickFixMenu();
      figures.add('Ctrl+. -> quick fix menu (action)', menu.ms);
      const title = 'Pin acme/tools@v1 to commit';
      assert.ok(menu.titles.includes(title), `"${title}" offered; the menu held: ${JSON.stringify(menu.titles)}`);
      await workbench.chooseQuickFix(title);
      await workbench.save();
      await waitForFileText(file, workflow(`acme/tools@${release} # v1.2.3`));
    } finally {
      await server.stop();
      remove();
    }
  },
};
