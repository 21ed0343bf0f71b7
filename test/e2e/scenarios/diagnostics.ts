import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cliReport } from '../cli';
import type { Severity } from '../workbench';
import { describeProblem } from '../workbench';
import type { Scenario } from './index';

interface Expected {
  file: string;
  rule: string;
  severity: Severity;
  line: number;
  column: number;
}

/** What the rule pages say these fixture files hold: rule, default severity for the file's layer, where the range starts. */
const EXPECTED: Expected[] = [
  { file: 'app/Dockerfile', rule: 'image-latest-tag', severity: 'warning', line: 1, column: 6 },
  { file: 'app/Dockerfile', rule: 'remote-unverified', severity: 'warning', line: 2, column: 5 },
  { file: 'app/Dockerfile', rule: 'package-unpinned', severity: 'warning', line: 3, column: 17 },
  { file: 'k8s/web.yaml', rule: 'writable-root-filesystem', severity: 'warning', line: 16, column: 11 },
  { file: 'k8s/web.yaml', rule: 'image-digest-missing', severity: 'warning', line: 17, column: 18 },
  { file: 'k8s/web.yaml', rule: 'pull-always-mutable', severity: 'warning', line: 18, column: 28 },
  { file: 'ansible/site.yml', rule: 'package-latest', severity: 'error', line: 8, column: 16 },
  { file: 'ansible/site.yml', rule: 'live-config-edit', severity: 'warning', line: 10, column: 7 },
  { file: 'cookbooks/web/recipes/default.rb', rule: 'package-latest', severity: 'error', line: 2, column: 10 },
  { file: 'cookbooks/web/recipes/default.rb', rule: 'remote-unverified', severity: 'warning', line: 6, column: 11 },
];

const FILES = [...new Set(EXPECTED.map((e) => e.file))];

const key = (p: { file: string; rule: string; severity: string; line: number; column: number }) =>
  `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule}`;

export const diagnostics: Scenario = {
  name: '1. diagnostics: squiggles in a Dockerfile, a manifest, a playbook and a recipe; Problems panel; hover',
  slug: '1-diagnostics',
  async run({ workbench, workspace, figures }) {
    for (const file of FILES) {
      figures.add('open file -> first squiggle', await workbench.openFile(file));
      for (const severity of new Set(EXPECTED.filter((e) => e.file === file).map((e) => e.severity))) {
        await workbench.squiggles(severity).first().waitFor({ timeout: 30_000 });
      }
    }

    const paths = new Set(FILES.map((f) => join(workspace, f)));
    const wanted = EXPECTED.map((e) => key({ ...e, file: join(workspace, e.file) }));
    const problems = await workbench.waitForProblems((all) => {
      const seen = new Set(all.map(key));
      return wanted.every((w) => seen.has(w));
    }, `the expected findings:\n${wanted.join('\n')}`);
    const shown = problems.filter((p) => paths.has(p.file));
    for (const p of shown) {
      assert.equal(p.source, 'driftless', describeProblem(p));
      assert.match(p.href, new RegExp(`docs/rules/${p.rule}\\.md$`), `documentation link of ${describeProblem(p)}`);
    }
    const fromCli = cliReport(workspace).findings.filter((f) => paths.has(f.file));
    assert.deepEqual(shown.map(key).sort(), fromCli.map(key).sort(), 'the Problems panel lists exactly what the CLI reports for these files');

    await workbench.openFile('app/Dockerfile');
    const hover = await workbench.hoverSquiggle('warning');
    const latest = fromCli.find((f) => f.rule === 'image-latest-tag');
    assert.ok(latest, 'the CLI reports image-latest-tag in app/Dockerfile');
    assert.ok(hover.text.includes(latest.message), `hover shows the message; it showed: ${hover.text}`);
    const link = hover.links.find((l) => l.text === 'image-latest-tag');
    assert.ok(link, `hover links the rule; links: ${JSON.stringify(hover.links)}`);
    assert.match(link.href, /docs\/rules\/image-latest-tag\.md$/);

    // The link opens the rule page rendered (a Markdown preview, by the editor association package.json declares).
    await workbench.clickHoverLink('image-latest-tag');
    assert.match(await workbench.renderedHeading('image-latest-tag'), /image-latest-tag.*Image pinned to nothing/);
    assert.equal(await workbench.textEditorsOf('docs/rules/image-latest-tag.md'), 0, 'the Markdown source is not opened as text');
    await workbench.clickProblemLink('pull-always-mutable');
    assert.match(await workbench.renderedHeading('pull-always-mutable'), /pull-always-mutable/);
    await workbench.screenshot('1-diagnostics-rule-page');
    // Focus back on the workbench (a webview keeps F1 to itself), for the next scenario's reset.
    await workbench.focusTab('Dockerfile');
  },
};
