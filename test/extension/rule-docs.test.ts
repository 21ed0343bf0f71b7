import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../rules/catalogue';
import { ruleDocFiles, renderRuleDoc } from '../../scripts/rule-docs';
import { REPO_ROOT } from '../support/requirements';

const DOCS = join(REPO_ROOT, 'docs', 'rules');

test('docs/rules holds exactly the pages generated from the catalogue (run `npm run docs:rules` when this fails)', () => {
  const expected = ruleDocFiles();
  assert.deepEqual(readdirSync(DOCS).filter((n) => n.endsWith('.md')).sort(), [...expected.keys()].sort());
  for (const [name, text] of expected) assert.equal(readFileSync(join(DOCS, name), 'utf8'), text, `docs/rules/${name} is stale`);
});

test('a rule page carries the id, title, severities per file kind, the docs and how to suppress it', () => {
  const rule = RULES.find((r) => r.id === 'package-latest');
  assert.ok(rule);
  const page = renderRuleDoc(rule);
  assert.match(page, /^# `package-latest`: /m);
  assert.match(page, /^\| Ansible, Chef \| error \|$/m);
  assert.match(page, /^\| Dockerfile \/ Containerfile \| not checked \|$/m);
  assert.ok(page.includes(rule.docs.trim()));
  assert.ok(page.includes('# driftless-disable-next-line package-latest'));
});

test('a rule page says what its fix needs and whether it is safe, with why; a rule without a fix says so', () => {
  const page = (id: string) => {
    const rule = RULES.find((r) => r.id === id);
    assert.ok(rule);
    return renderRuleDoc(rule);
  };
  assert.match(page('image-digest-missing'), /^## Fix\n\nNeeds a registry lookup \(`driftless --pin`\), safe\. \S/m);
  assert.match(page('writable-root-filesystem'), /^## Fix\n\nOffline, unsafe\. A read-only root filesystem crashes/m);
  assert.match(page('git-unpinned'), /^## Fix\n\nNeeds a git server lookup \(`driftless --pin`\), safe\. \S/m);
  assert.match(page('remote-unverified'), /^## Fix\n\nNeeds a download \(`driftless --pin`\), safe\. \S/m);
  assert.match(page('host-path-volume'), /^## Fix\n\nNone: the finding is fixed by hand\.$/m);
});

test("a rule page shows a bad and a good example per file kind, the peers' pragmas and their rule IDs", () => {
  const rule = RULES.find((r) => r.id === 'image-latest-tag');
  assert.ok(rule);
  const page = renderRuleDoc(rule);
  for (const kind of ['Dockerfile', 'Kubernetes', 'Compose', 'Kustomize', 'Helm values', 'Ansible', 'Chef', 'Terraform / OpenTofu', 'GitHub Actions', 'GitLab CI', 'Puppet']) {
    assert.match(page, new RegExp(`^### ${kind.replace('/', '\\/')} \\(\`[^\`]+\`\\)\\n\\nFound:\\n\\n\`\`\`\\w+\\n[^]+?\`\`\`\\n\\nNot found:\\n`, 'm'), kind);
  }
  assert.ok(page.includes('`# hadolint ignore=DL3007`'));
  assert.match(page, /^## Related rules in other tools\n\n\| tool \| rule IDs \|\n\|---\|---\|\n\| hadolint \| `DL3006`, `DL3007` \|$/m);
  const internal = RULES.find((r) => r.id === 'internal-error');
  assert.ok(internal);
  assert.match(renderRuleDoc(internal), /^## Examples\n\nNo file should give this finding/m);
});
