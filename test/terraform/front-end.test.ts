import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { classify } from '../../rules/engine';
import { at, lintTerraform, ready, summary } from './support';

before(ready);

describe('Terraform front end', () => {
  test('*.tf and *.tofu are Terraform by name, whatever their content', () => {
    assert.equal(classify({ path: 'infra/main.tf', text: '' }), 'terraform');
    assert.equal(classify({ path: 'infra/main.tofu', text: '' }), 'terraform');
    assert.equal(classify({ path: 'infra/main.tf.bak', text: '' }), undefined);
  });

  test('the modern language parses: import, moved, removed, check, provider functions, for, heredocs, directives', () => {
    const text = [
      'import {',
      '  to = aws_s3_bucket.logs',
      '  id = "logs"',
      '}',
      'moved {',
      '  from = aws_instance.a',
      '  to   = aws_instance.b',
      '}',
      'removed {',
      '  from = aws_instance.c',
      '  lifecycle {',
      '    destroy = false',
      '  }',
      '}',
      'check "up" {',
      '  assert {',
      '    condition     = true',
      '    error_message = "down"',
      '  }',
      '}',
      'locals {',
      '  arn   = provider::aws::arn_parse("arn:aws:iam::1:role/x")',
      '  names = { for k, v in var.m : k => upper(v) if v != "" }',
      '  doc   = <<-EOT',
      '    %{ if var.on }on%{ else }off%{ endif }',
      '    $${literal}',
      '  EOT',
      '}',
      '',
    ].join('\n');
    const linted = lintTerraform(text);
    assert.deepEqual(summary(linted), []);
    assert.deepEqual(linted.facts?.parseErrors, []);
    assert.equal(linted.facts?.statements.length, 18, '7 blocks and 11 attributes');
  });

  test('a syntax error is one hcl-syntax finding (info), and the blocks around it are still checked', () => {
    const text = [
      'resource "aws_ecr_repository" "a" {',
      '  name = "a"',
      '  image_tag_mutability = "MUTABLE"',
      '}',
      'resource "broken" "b" {',
      '  name = ',
      '}',
      'module "m" {',
      '  source = "terraform-aws-modules/vpc/aws"',
      '}',
      '',
    ].join('\n');
    const linted = lintTerraform(text);
    const syntax = linted.findings.filter((f) => f.rule === 'hcl-syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].severity, 'info');
    const line = syntax[0].range.start.line;
    assert.ok(line >= 4 && line <= 6, `the error sits in the broken block, not at line ${line}`);
    assert.deepEqual(summary(linted, 'registry-tags-mutable'), ['registry-tags-mutable@MUTABLE']);
    assert.deepEqual(summary(linted, 'module-unpinned'), ['module-unpinned@terraform-aws-modules/vpc/aws']);
  });

  test('a file whose parse runs out of its budget is one hcl-syntax finding at its start, and nothing of it is read', () => {
    // Blanks before a unary minus make tree-sitter's error recovery quadratic: 20,000 took 5.8 s; these 100,000
    // would take minutes.
    const text = `resource "aws_ecr_repository" "a" {\n  name = ${' '.repeat(100_000)}-\n  image_tag_mutability = "MUTABLE"\n}\n`;
    const linted = lintTerraform(text);
    assert.deepEqual(
      linted.findings.map((f) => [f.rule, f.range.start.line, f.range.start.character]),
      [['hcl-syntax', 0, 0]],
    );
    assert.match(linted.findings[0].message, /parsing took far more work than a file of this size needs \(the parser's error recovery on this text\); the file is not read/);
  });

  test('values built from variables, locals or interpolation are unknown, and a variable default is not an image', () => {
    const text = [
      'variable "image" {',
      '  default = "nginx:latest"',
      '}',
      'resource "docker_image" "a" {',
      '  name = var.image',
      '}',
      'resource "docker_image" "b" {',
      '  name = "nginx:${var.tag}"',
      '}',
      'resource "aws_ecr_repository" "r" {',
      '  image_tag_mutability = var.mutability',
      '}',
      'module "m" {',
      '  source  = "terraform-aws-modules/vpc/aws"',
      '  version = var.vpc_version',
      '}',
      'resource "docker_image" "c" {',
      '  name = "nginx"',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(summary(lintTerraform(text)), ['image-latest-tag@nginx']);
  });

  test('an interpolation in shell is an unknown word: `apt-get install ${var.pkg}` names no package', () => {
    const text = ['resource "aws_instance" "a" {', '  user_data = "#!/bin/sh\\napt-get install -y ${var.pkg} curl\\n"', '}', ''].join('\n');
    const linted = lintTerraform(text);
    assert.deepEqual(summary(linted), ['package-unpinned@curl']);
  });

  test('shell in escaped quoted strings maps back to the file: the range covers the escaped text', () => {
    const text = ['resource "null_resource" "a" {', '  provisioner "local-exec" {', '    command = "echo \\"go\\" && curl -k https://x/y -o y"', '  }', '}', ''].join('\n');
    const linted = lintTerraform(text);
    assert.deepEqual(summary(linted), ['integrity-bypass@-k']);
  });
});

describe('suppression in Terraform', () => {
  const repository = (pragma: string) => [pragma, 'resource "aws_ecr_repository" "r" {', '  name = "r"', '}', ''].join('\n');

  test('driftless-disable-next-line above a block covers the whole block', () => {
    assert.deepEqual(summary(lintTerraform(repository('# driftless-disable-next-line registry-tags-mutable -- re-tagged by release'))), []);
    assert.deepEqual(summary(lintTerraform(repository('// driftless-disable-next-line registry-tags-mutable'))), []);
  });

  test('peer pragmas: Checkov above or inside the block, tfsec and Trivy above it (with an expiry)', () => {
    assert.deepEqual(summary(lintTerraform(repository('#checkov:skip=CKV_AWS_51:legacy'))), []);
    assert.deepEqual(summary(lintTerraform(repository('#tfsec:ignore:aws-ecr-enforce-immutable-repository'))), []);
    assert.deepEqual(summary(lintTerraform(repository('#trivy:ignore:AVD-AWS-0031:exp:2030-01-01'))), []);
    const inside = ['resource "aws_ecr_repository" "r" {', '  #checkov:skip=CKV_AWS_51:legacy', '  name = "r"', '}', ''].join('\n');
    assert.deepEqual(summary(lintTerraform(inside)), []);
  });

  test('a pragma for another rule, or above another block, silences nothing', () => {
    assert.equal(summary(lintTerraform(repository('# driftless-disable-next-line module-unpinned'))).length, 1);
    const text = ['#checkov:skip=CKV_TF_1', 'module "a" {', '  source = "git::https://x.example/a.git"', '}', 'module "b" {', '  source = "git::https://x.example/b.git"', '}', ''].join('\n');
    const linted = lintTerraform(text);
    assert.deepEqual(summary(linted).map((s) => s.split('@')[0]), ['git-unpinned']);
    assert.equal(at(linted.text, linted.findings[0].span), 'git::https://x.example/b.git');
  });
});
