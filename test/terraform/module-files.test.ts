import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { lint } from '../../rules/engine';
import { diskProbe } from '../../server/workspace/probe';
import { at, ready, summary, type Linted } from './support';

before(ready);

const INIT_SH = ['#!/bin/bash', 'set -eu', 'apt-get update && apt-get upgrade -y', 'apt-get install -y ${package} nginx', 'echo "$${HOME}"', ''].join('\n');
const CLOUD_INIT = ['#cloud-config', 'package_upgrade: true', 'packages:', '  - jq', ''].join('\n');
const OUTSIDE = ['#!/bin/sh', 'apt-get upgrade -y', ''].join('\n');

describe('user_data read from a file of the module by file() and templatefile()', () => {
  let root: string;
  let module: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'driftless-tf-files-'));
    module = join(root, 'module');
    mkdirSync(join(module, 'scripts'), { recursive: true });
    writeFileSync(join(module, 'scripts', 'init.sh'), INIT_SH);
    writeFileSync(join(module, 'cloud-init.yaml'), CLOUD_INIT);
    writeFileSync(join(root, 'outside.sh'), OUTSIDE);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const lintModule = (lines: string[]): Linted => {
    const path = join(module, 'main.tf');
    const text = lines.join('\n');
    return { ...lint({ path, text }, { probe: diskProbe }), text, path };
  };

  test('a templatefile script: findings at the call, naming the file and line; its interpolations are unknown', () => {
    const call = 'templatefile("${path.module}/scripts/init.sh", { package = var.package })';
    const linted = lintModule(['resource "aws_instance" "web" {', `  user_data = base64encode(${call})`, '}', '']);
    assert.deepEqual(summary(linted), [`in-place-upgrade@${call}`, `package-unpinned@${call}`]);
    for (const finding of linted.findings) {
      assert.equal(at(linted.text, finding.span), call);
      assert.deepEqual(finding.fixes, [], 'no fix: its edits would be in the other file');
    }
    assert.match(linted.findings[0].message, /^`apt-get upgrade`.*\(scripts\/init\.sh, line 3\)$/);
    assert.match(linted.findings[1].message, /^`nginx`.*\(scripts\/init\.sh, line 4\)$/);
  });

  test('a file() cloud-config beside the .tf: package_upgrade and unversioned packages', () => {
    const linted = lintModule(['resource "aws_launch_template" "lt" {', '  user_data = filebase64("x")', '  user_data_base64 = base64encode(file("cloud-init.yaml"))', '}', '']);
    assert.deepEqual(summary(linted), ['in-place-upgrade@file("cloud-init.yaml")', 'package-unpinned@file("cloud-init.yaml")']);
    assert.match(linted.findings[0].message, /\(cloud-init\.yaml, line 2\)$/);
    assert.match(linted.findings[1].message, /\(cloud-init\.yaml, line 4\)$/);
  });

  test('silent: a path leaving the module, an absolute one, one built from a variable, a missing file', () => {
    const linted = lintModule([
      'resource "aws_instance" "a" {',
      '  user_data = file("${path.module}/../outside.sh")',
      '}',
      'resource "aws_instance" "b" {',
      '  user_data = file("../outside.sh")',
      '}',
      'resource "aws_instance" "c" {',
      `  user_data = file(${JSON.stringify(join(root, 'outside.sh'))})`,
      '}',
      'resource "aws_instance" "d" {',
      '  user_data = file("${var.dir}/outside.sh")',
      '}',
      'resource "aws_instance" "e" {',
      '  user_data = templatefile("${path.module}/missing.sh", {})',
      '}',
      '',
    ]);
    assert.deepEqual(summary(linted), []);
  });

  test('a pragma above the attribute silences what the file it reads holds', () => {
    const linted = lintModule([
      'resource "aws_instance" "web" {',
      '  # driftless-disable-next-line in-place-upgrade -- patched at boot on purpose',
      '  user_data = templatefile("scripts/init.sh", { package = "jq" })',
      '}',
      '',
    ]);
    assert.deepEqual(summary(linted).map((s) => s.split('@')[0]), ['package-unpinned']);
  });

  test('without a window on the disk (no probe), nothing is read', () => {
    const text = ['resource "aws_instance" "web" {', '  user_data = file("cloud-init.yaml")', '}', ''].join('\n');
    assert.deepEqual(lint({ path: join(module, 'main.tf'), text }).findings, []);
  });
});
