import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DIGEST_PLACEHOLDER, type DigestFix, type Finding } from '../../rules/types';
import { SAMPLE_DIGEST } from '../support/fixes';
import { relatedTexts } from '../support/findings';
import { applyFix, lintFixture, lintTerraform, localFix, only, ready, summary } from './support';

before(ready);

function digestFix(finding: Finding): DigestFix {
  const fix = finding.fixes.find((f): f is DigestFix => f.kind === 'digest');
  assert.ok(fix, `${finding.rule} offers a digest fix`);
  assert.ok(fix.edits.every((e) => e.newText.includes(DIGEST_PLACEHOLDER)));
  return fix;
}

const lines = (...l: string[]) => [...l, ''].join('\n');

describe('ami-floating', () => {
  test('most_recent with a wildcard: warning with owners, error without; the range is the `true`', () => {
    const owned = lintTerraform(lines('data "aws_ami" "a" {', '  most_recent = true', '  owners      = ["amazon"]', '  filter {', '    name   = "name"', '    values = ["al2023-ami-*"]', '  }', '}'));
    const finding = only(owned, 'ami-floating', 'true');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 1, character: 16 }, end: { line: 1, character: 20 } });
    const unowned = lintTerraform(lines('data "aws_ami" "a" {', '  most_recent = true', '}'));
    assert.equal(only(unowned, 'ami-floating').severity, 'error');
    const byFilter = lintTerraform(lines('data "aws_ami" "a" {', '  most_recent = true', '  filter {', '    name   = "owner-alias"', '    values = ["amazon"]', '  }', '}'));
    assert.equal(only(byFilter, 'ami-floating').severity, 'warning');
  });

  test('silent: an exact name with owners, most_recent false or unset, a name built from a variable', () => {
    const exact = lines('data "aws_ami" "a" {', '  most_recent = true', '  owners      = ["self"]', '  filter {', '    name   = "name"', '    values = ["golden-2024-05-01"]', '  }', '}');
    const unset = lines('data "aws_ami" "a" {', '  owners = ["self"]', '  filter {', '    name   = "name"', '    values = ["golden-*"]', '  }', '}');
    const variable = lines('data "aws_ami" "a" {', '  most_recent = true', '  owners      = ["self"]', '  filter {', '    name   = "name"', '    values = [var.ami_name]', '  }', '}');
    for (const text of [exact, unset, variable]) assert.deepEqual(summary(lintTerraform(text)), []);
  });

  test('an instance booting the AMI of an SSM /latest or /recommended parameter, through data or resolve:ssm:', () => {
    const text = lines(
      'data "aws_ssm_parameter" "al" {',
      '  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"',
      '}',
      'data "aws_ssm_parameter" "fixed" {',
      '  name = "/acme/golden/ami-2024-05-01"',
      '}',
      'resource "aws_instance" "a" {',
      '  ami = data.aws_ssm_parameter.al.value',
      '}',
      'resource "aws_instance" "b" {',
      '  ami = data.aws_ssm_parameter.fixed.value',
      '}',
      'resource "aws_launch_template" "c" {',
      '  image_id = "resolve:ssm:/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id"',
      '}',
    );
    assert.deepEqual(summary(lintTerraform(text)), [
      'ami-floating@data.aws_ssm_parameter.al.value',
      'ami-floating@resolve:ssm:/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id',
    ]);
  });
});

describe('drift-ignored', () => {
  test('all is an error; artifact attributes are warnings; tags and counts stay silent; legacy quoted forms too', () => {
    const text = lines(
      'resource "aws_instance" "a" {',
      '  lifecycle {',
      '    ignore_changes = all',
      '  }',
      '}',
      'resource "aws_autoscaling_group" "b" {',
      '  lifecycle {',
      '    ignore_changes = [desired_capacity, launch_template[0].version, tags]',
      '  }',
      '}',
      'resource "aws_instance" "c" {',
      '  lifecycle {',
      '    ignore_changes = ["user_data", "tags"]',
      '  }',
      '}',
    );
    const linted = lintTerraform(text);
    assert.deepEqual(summary(linted), ['drift-ignored@all', 'drift-ignored@launch_template[0].version', 'drift-ignored@user_data']);
    assert.deepEqual(
      linted.findings.map((f) => f.severity),
      ['error', 'warning', 'warning'],
    );
  });
});

describe('live-provisioner and the shell inside provisioners', () => {
  test('remote-exec, file and chef are reported on their header; local-exec is not, but its command is shell', () => {
    const linted = lintFixture('git-modules/main.tf');
    assert.deepEqual(summary(linted, 'live-provisioner'), ['live-provisioner@provisioner "file"', 'live-provisioner@provisioner "remote-exec"', 'live-provisioner@provisioner "chef"']);
    assert.deepEqual(summary(linted, 'integrity-bypass'), ['integrity-bypass@--insecure']);
  });

  test('an upgrade in an inline && chain is removed from its string, which stays valid HCL', () => {
    const linted = lintFixture('git-modules/main.tf');
    const finding = only(linted, 'in-place-upgrade', 'apt-get upgrade -y');
    const fixed = applyFix(linted, finding, localFix(finding), linted.text.replace('"sudo apt-get upgrade -y && sudo systemctl restart app"', '"sudo systemctl restart app"'));
    assert.deepEqual(summary(fixed, 'live-provisioner').length, 3);
  });

  test('a bypass flag inside an escaped string is removed at the right offsets', () => {
    const text = lines('resource "null_resource" "a" {', '  provisioner "local-exec" {', '    command = "curl -k -o \\"x y\\" https://example.com/x"', '  }', '}');
    const linted = lintTerraform(text);
    const finding = only(linted, 'integrity-bypass', '-k');
    applyFix(linted, finding, localFix(finding), text.replace('curl -k -o', 'curl -o'));
  });
});

describe('user_data', () => {
  test('a heredoc script: the upgrade leaves its && chain, the download and the unpinned packages are reported', () => {
    const linted = lintFixture('vpc-asg/main.tf');
    assert.deepEqual(summary(linted, 'package-unpinned'), ['package-unpinned@nginx', 'package-unpinned@fail2ban']);
    assert.deepEqual(relatedTexts(linted, only(linted, 'package-unpinned', 'nginx')), ['nginx', 'jq']);
    const upgrade = only(linted, 'in-place-upgrade', 'apt-get -y dist-upgrade');
    assert.deepEqual(upgrade.range.start, { line: 62, character: 4 });
  });

  test('#cloud-config: package_upgrade, unversioned packages, runcmd strings and lists', () => {
    const linted = lintFixture('vpc-asg/main.tf');
    assert.deepEqual(summary(linted, 'in-place-upgrade'), ['in-place-upgrade@apt-get -y dist-upgrade', 'in-place-upgrade@true']);
    assert.deepEqual(summary(linted, 'integrity-bypass'), ['integrity-bypass@-k']);
  });

  test('a script for another interpreter is not shell', () => {
    const text = lines('resource "aws_instance" "a" {', '  user_data = <<-EOT', '    #!/usr/bin/env python3', '    import os; os.system("apt-get upgrade -y")', '  EOT', '}');
    assert.deepEqual(summary(lintTerraform(text)), []);
  });
});

describe('module-unpinned and git module sources', () => {
  test('registry modules: no version on the source, a range on the version; exact versions pass', () => {
    const text = lines(
      'module "a" {',
      '  source = "terraform-aws-modules/vpc/aws"',
      '}',
      'module "b" {',
      '  source  = "app.terraform.io/acme/vpc/aws"',
      '  version = "~> 5.0"',
      '}',
      'module "c" {',
      '  source  = "terraform-aws-modules/vpc/aws"',
      '  version = "= 5.5.1"',
      '}',
      'module "d" {',
      '  source = "./modules/app"',
      '}',
    );
    const linted = lintTerraform(text);
    assert.deepEqual(summary(linted), ['module-unpinned@terraform-aws-modules/vpc/aws', 'module-unpinned@~> 5.0']);
    assert.deepEqual(linted.findings[0].range, { start: { line: 1, character: 12 }, end: { line: 1, character: 41 } });
  });

  test('git sources: no ref or a branch is git-unpinned; a version tag or a commit passes', () => {
    const linted = lintFixture('git-modules/main.tf');
    assert.deepEqual(summary(linted, 'git-unpinned'), [
      'git-unpinned@git::https://github.com/acme/terraform-modules.git//network?ref=main',
      'git-unpinned@github.com/acme/terraform-dns',
    ]);
    assert.match(only(linted, 'git-unpinned', 'github.com/acme/terraform-dns').message, /names no ref/);
  });
});

describe('registry-tags-mutable', () => {
  test('MUTABLE is set to IMMUTABLE in place', () => {
    const linted = lintFixture('ecs/main.tf');
    const finding = only(linted, 'registry-tags-mutable', 'MUTABLE');
    assert.deepEqual(finding.range, { start: { line: 2, character: 26 }, end: { line: 2, character: 33 } });
    applyFix(linted, finding, localFix(finding), linted.text.replace('image_tag_mutability = "MUTABLE"', 'image_tag_mutability = "IMMUTABLE"'));
  });

  test('an absent setting is added after the first attributes, its = in their column', () => {
    const linted = lintFixture('ecs/main.tf');
    const finding = only(linted, 'registry-tags-mutable', 'resource "aws_ecr_repository" "worker"');
    const expected = linted.text.replace(
      '  name         = "acme/worker"\n  force_delete = false\n',
      '  name         = "acme/worker"\n  force_delete = false\n  image_tag_mutability = "IMMUTABLE"\n',
    );
    applyFix(linted, finding, localFix(finding), expected);
    const aligned = lines('resource "aws_ecr_repository" "a" {', '  name                      = "a"', '  force_delete              = true', '}');
    const wide = lintTerraform(aligned);
    applyFix(wide, wide.findings[0], localFix(wide.findings[0]), aligned.replace('true\n', 'true\n  image_tag_mutability      = "IMMUTABLE"\n'));
  });

  test('an empty block is opened up; a block with only nested blocks gets the line after its brace', () => {
    const empty = lintTerraform(lines('resource "aws_ecr_repository" "a" {}'));
    applyFix(empty, empty.findings[0], localFix(empty.findings[0]), lines('resource "aws_ecr_repository" "a" {', '  image_tag_mutability = "IMMUTABLE"', '}'));
    const nested = lines('resource "aws_ecr_repository" "a" {', '  image_scanning_configuration {', '    scan_on_push = true', '  }', '}');
    const linted = lintTerraform(nested);
    applyFix(linted, linted.findings[0], localFix(linted.findings[0]), nested.replace('{\n  image_scanning', '{\n  image_tag_mutability = "IMMUTABLE"\n  image_scanning'));
  });

  test('silent for IMMUTABLE, IMMUTABLE_WITH_EXCLUSION and a value from a variable', () => {
    for (const value of ['"IMMUTABLE"', '"IMMUTABLE_WITH_EXCLUSION"', 'var.mutability']) {
      assert.deepEqual(summary(lintTerraform(lines('resource "aws_ecr_repository" "a" {', `  image_tag_mutability = ${value}`, '}'))), []);
    }
  });
});

describe('images in Terraform resources', () => {
  test('Kubernetes containers and init containers, with image_pull_policy; interpolated images skipped', () => {
    const linted = lintFixture('eks/main.tf');
    assert.deepEqual(summary(linted).filter((s) => s.startsWith('image-') || s.startsWith('pull-')), [
      'image-digest-missing@ghcr.io/acme/api-migrate:2.4.1',
      'image-digest-missing@ghcr.io/acme/api:2.4.1',
      'pull-always-mutable@Always',
      'image-latest-tag@bitnami/kubectl',
    ]);
  });

  test('the digest fix writes @sha256 after the tag, in HCL strings, jsonencode objects and heredoc JSON', () => {
    const linted = lintFixture('ecs/main.tf');
    for (const [covered, rule] of [
      ['public.ecr.aws/datadog/agent:latest', 'image-latest-tag'],
      ['amazon/aws-for-fluent-bit:2.32.0', 'image-digest-missing'],
      ['acme/worker:1.8', 'image-digest-missing'],
      ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/resize:3.1', 'image-digest-missing'],
    ] as const) {
      const finding = only(linted, rule, covered);
      applyFix(linted, finding, digestFix(finding), linted.text.replace(`"${covered}"`, `"${covered}@${SAMPLE_DIGEST}"`));
    }
  });

  test('docker, Cloud Run and Azure container groups', () => {
    const text = lines(
      'resource "docker_image" "a" {',
      '  name = "postgres:16"',
      '}',
      'resource "google_cloud_run_v2_service" "b" {',
      '  template {',
      '    containers {',
      '      image = "us-docker.pkg.dev/cloudrun/container/hello"',
      '    }',
      '  }',
      '}',
      'resource "azurerm_container_group" "c" {',
      '  container {',
      '    image = "mcr.microsoft.com/azuredocs/aci-helloworld:latest"',
      '  }',
      '}',
    );
    assert.deepEqual(summary(lintTerraform(text)), [
      'image-digest-missing@postgres:16',
      'image-latest-tag@us-docker.pkg.dev/cloudrun/container/hello',
      'image-latest-tag@mcr.microsoft.com/azuredocs/aci-helloworld:latest',
    ]);
  });
});

test('an http data source without a postcondition is remote-unverified; with one it passes', () => {
  const text = lines(
    'data "http" "a" {',
    '  url = "https://example.com/a.json"',
    '}',
    'data "http" "b" {',
    '  url = "https://example.com/b.json"',
    '  lifecycle {',
    '    postcondition {',
    '      condition     = sha256(self.response_body) == "abc"',
    '      error_message = "changed"',
    '    }',
    '  }',
    '}',
  );
  assert.deepEqual(summary(lintTerraform(text)), ['remote-unverified@https://example.com/a.json']);
});
