import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initEngine, lint } from '../../rules/engine';
import type { FileKind, Finding } from '../../rules/types';

before(() => initEngine());

const CASES: { kind: FileKind; path: string; rule: string; text: string; broken: string }[] = [
  {
    kind: 'chef',
    path: '/cookbooks/web/recipes/default.rb',
    rule: 'package-latest',
    text: "package 'nginx' do\n  action :upgrade\nend\n",
    broken: "package 'nginx' do\n  action :upgrade\nend\n\nif (node['x']\n",
  },
  {
    kind: 'terraform',
    path: '/infra/main.tf',
    rule: 'registry-tags-mutable',
    text: 'resource "aws_ecr_repository" "app" {\n  name = "app"\n}\n',
    broken: 'resource "aws_ecr_repository" "app" {\n  name = "app"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs\n',
  },
  {
    kind: 'puppet',
    path: '/modules/web/manifests/init.pp',
    rule: 'package-latest',
    text: "package { 'nginx':\n  ensure => latest,\n}\n",
    broken: "package { 'nginx':\n  ensure => latest,\n}\n\nclass web (\n",
  },
];

const localFixes = (findings: readonly Finding[], rule: string) => findings.filter((f) => f.rule === rule).flatMap((f) => f.fixes.filter((x) => x.kind === 'local'));

for (const c of CASES) {
  test(`${c.kind}: a file whose parse reports a syntax error keeps its ${c.rule} finding, without the edit it gets when it parses`, () => {
    const clean = lint({ path: c.path, text: c.text }, { kind: c.kind });
    assert.equal(localFixes(clean.findings, c.rule).length, 1, 'the clean file has the fix');
    const broken = lint({ path: c.path, text: c.broken }, { kind: c.kind });
    assert.ok(broken.findings.some((f) => f.rule.endsWith('-syntax')), 'the broken file reports its syntax error');
    assert.equal(broken.findings.filter((f) => f.rule === c.rule).length, 1, 'the finding stays');
    assert.deepEqual(localFixes(broken.findings, c.rule), []);
  });
}
