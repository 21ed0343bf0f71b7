import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../rules/catalogue';
import { REPO_ROOT } from '../support/requirements';

const DOCS = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(REPO_ROOT, 'docs')).filter((n) => n.endsWith('.md')).map((n) => `docs/${n}`)];

function fixClass(rule: (typeof RULES)[number]): string {
  if (!rule.fix) return 'none';
  return `${rule.fix.safe ? 'safe' : 'unsafe'}, ${rule.fix.needs === 'network' ? `network (${rule.fix.asks ?? 'registry'})` : 'offline'}`;
}

test("the README's rule table lists every rule, linked to its page, with its fix's class", () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((line) => line.startsWith('| [`'));
  assert.deepEqual(rows.map((row) => /^\| \[`([^`]+)`\]/.exec(row)?.[1]), RULES.map((r) => r.id));
  for (const rule of RULES) {
    const row = rows.find((r) => r.startsWith(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) |`));
    assert.ok(row, `${rule.id} links its page`);
    assert.ok(row.endsWith(`| ${fixClass(rule)} |`), `${rule.id}: ${row}`);
  }
});

test('every relative link of the README, CONTRIBUTING.md and docs/ leads to a file; none names RULES.md', () => {
  for (const doc of DOCS) {
    const text = readFileSync(join(REPO_ROOT, doc), 'utf8');
    assert.ok(!text.includes('RULES.md'), `${doc} refers to RULES.md, which is not in this repository`);
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      assert.ok(existsSync(join(REPO_ROOT, dirname(doc), target)), `${doc} links ${target}, which does not exist`);
    }
  }
});

test('the README quick start names the commands package.json defines', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const [, name] of readme.matchAll(/npm run ([a-z:]+)/g)) assert.ok(scripts[name], `npm run ${name}`);
});
