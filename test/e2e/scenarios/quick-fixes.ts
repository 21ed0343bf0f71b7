import assert from 'node:assert/strict';
import { join } from 'node:path';
import { waitForFileText } from '../expect-disk';
import { expectedText } from '../workspace';
import type { Scenario } from './index';

interface FixStep {
  file: string;
  /** 1-based cursor position inside the finding's range. */
  line: number;
  column: number;
  rule: string;
  /** An `info` finding shows as hint dots, not in the Problems panel. */
  hint?: boolean;
  title: string;
  /** Under test/fixtures/e2e/expected/: the whole file after the fix, saved. */
  expected: string;
}

const STEPS: FixStep[] = [
  { file: 'fixes/Dockerfile', line: 2, column: 25, rule: 'in-place-upgrade', hint: true, title: 'Remove `apt-get upgrade -y` from the RUN chain', expected: 'fixes/Dockerfile.upgrade-removed' },
  { file: 'fixes/Dockerfile', line: 3, column: 19, rule: 'package-unpinned', title: 'Suppress package-unpinned on this line', expected: 'fixes/Dockerfile.suppressed' },
  { file: 'fixes/site.yml', line: 7, column: 18, rule: 'package-latest', title: 'Use state: present', expected: 'fixes/site.yml' },
  { file: 'fixes/cookbooks/base/recipes/default.rb', line: 3, column: 12, rule: 'package-latest', title: 'action :install', expected: 'fixes/cookbooks/base/recipes/default.rb' },
  { file: 'fixes/pod.yaml', line: 7, column: 9, rule: 'writable-root-filesystem', title: 'Set readOnlyRootFilesystem: true', expected: 'fixes/pod.yaml' },
];

export const quickFixes: Scenario = {
  name: '2. quick fixes with Ctrl+.: remove an upgrade, state: present, action :install, readOnlyRootFilesystem, suppress a line',
  slug: '2-quick-fixes',
  async run({ workbench, workspace, figures }) {
    for (const step of STEPS) {
      const path = join(workspace, step.file);
      await workbench.openFile(step.file);
      if (step.hint) {
        await workbench.hints().first().waitFor({ timeout: 60_000 });
        const listed = (await workbench.problems()).filter((p) => p.file === path && p.rule === step.rule);
        assert.deepEqual(listed, [], `${step.rule} (info) is a hint, not a row in Problems`);
      } else {
        await workbench.waitForProblems((all) => all.some((p) => p.file === path && p.rule === step.rule), `${step.rule} in ${step.file}`);
      }
      await workbench.goTo(step.line, step.column);
      const menu = await workbench.openQuickFixMenu();
      figures.add('Ctrl+. -> quick fix menu', menu.ms);
      assert.ok(
        menu.titles.some((t) => t.includes(step.title)),
        `"${step.title}" offered at ${step.file}:${step.line}:${step.column}; the menu held: ${JSON.stringify(menu.titles)}`,
      );
      await workbench.chooseQuickFix(step.title);
      await workbench.save();
      await waitForFileText(path, expectedText(step.expected));
      if (step.hint) await workbench.hints().first().waitFor({ state: 'detached', timeout: 60_000 });
      else {
        await workbench.waitForProblems(
          (all) => !all.some((p) => p.file === path && p.rule === step.rule),
          `${step.rule} gone from ${step.file}`,
        );
      }
    }
  },
};
