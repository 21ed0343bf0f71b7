import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { lint } from '../../rules/engine';
import { applyEdits } from '../../rules/text';
import { DIGEST_PLACEHOLDER } from '../../rules/types';
import { applyFix, at, lintFixture, lintText, lintWithFiles, load, localFix, only, ready, relatedTexts, summary } from './support';

before(ready);

const TASKS = 'roles/app/tasks/main.yml';
const tasks = (...lines: string[]) => lintText(TASKS, `${lines.join('\n')}\n`);

describe('in-place-upgrade on Ansible', () => {
  test('apt upgrade: yes|dist|full|safe, yum/dnf/package name "*" with state latest, zypper dist-upgrade', () => {
    const linted = tasks(
      '- apt: upgrade=yes',
      '- apt:',
      '    upgrade: full',
      '- ansible.builtin.apt: { upgrade: safe }',
      '- dnf: name=* state=latest',
      '- ansible.builtin.package:',
      '    name: ["*"]',
      '    state: latest',
      '- community.general.zypper: name=* state=dist-upgrade',
    );
    assert.deepEqual(summary(linted, 'in-place-upgrade'), [
      'in-place-upgrade@upgrade=yes',
      'in-place-upgrade@upgrade: full',
      'in-place-upgrade@upgrade: safe',
      'in-place-upgrade@name=*',
      'in-place-upgrade@name: ["*"]',
      'in-place-upgrade@state=dist-upgrade',
    ]);
    for (const f of linted.findings) assert.equal(f.severity, 'error');
    assert.match(linted.findings[0].message, /rebuild|roll out|image|new version/i);
  });

  test('shell, command (free form, cmd:, argv:) and raw running upgrades', () => {
    const linted = tasks(
      '- shell: apt-get update && apt-get -y dist-upgrade',
      '- command:',
      '    cmd: yum -y update',
      '- command:',
      '    argv: [zypper, dup]',
      '- raw: sudo apk upgrade --no-cache',
      '- ansible.builtin.shell: |',
      '    set -e',
      '    pacman -Syu --noconfirm',
    );
    assert.deepEqual(summary(linted, 'in-place-upgrade').length, 5);
    assert.deepEqual(summary(linted, 'in-place-upgrade').slice(0, 2), ['in-place-upgrade@apt-get -y dist-upgrade', 'in-place-upgrade@yum -y update']);
    assert.equal(summary(linted, 'in-place-upgrade')[3], 'in-place-upgrade@apk upgrade --no-cache');
    assert.equal(summary(linted, 'in-place-upgrade')[4], 'in-place-upgrade@pacman -Syu --noconfirm');
  });

  test('argv: the words keep their own ranges, and a `sh -c` script among them is parsed as shell', () => {
    const text = '- command:\n    argv: [sh, -c, "apt-get update && apt-get -y upgrade"]\n- command:\n    argv:\n      - yum\n      - update\n';
    const linted = lintText(TASKS, text);
    assert.deepEqual(summary(linted), ['in-place-upgrade@apt-get -y upgrade', 'in-place-upgrade@yum\n      - update']);
    const after = applyFix(linted, linted.findings[0]);
    assert.deepEqual((load(after.text)[0] as Array<{ command: { argv: string[] } }>)[0].command.argv, ['sh', '-c', 'apt-get update']);
    assert.equal(localFix(linted.findings[1]).title, 'Remove the task (command: yum update)');
    assert.equal(applyFix(linted, linted.findings[1]).text, '- command:\n    argv: [sh, -c, "apt-get update && apt-get -y upgrade"]\n');
  });

  test('the fix removes the whole task; the other tasks load unchanged', () => {
    const text = '- name: a\n  debug: msg=a\n- name: up\n  apt:\n    upgrade: dist\n- name: b\n  debug: msg=b\n';
    const linted = lintText(TASKS, text);
    const finding = only(linted, 'in-place-upgrade', 'upgrade: dist');
    assert.equal(localFix(finding).title, "Remove the task 'up'");
    const after = applyFix(linted, finding);
    assert.equal(after.text, '- name: a\n  debug: msg=a\n- name: b\n  debug: msg=b\n');
  });

  test('a folded shell chain loses only the upgrade command', () => {
    const { text, path } = { path: 'roles/web/tasks/main.yml', text: lintFixture('roles/web/tasks/main.yml').text };
    const linted = lintText(path, text);
    const finding = only(linted, 'in-place-upgrade', 'apt-get -y upgrade');
    const after = applyFix(linted, finding);
    const shell = (load(after.text)[0] as Array<Record<string, unknown>>).find((t) => t.name === 'Run a folded command');
    assert.equal(shell?.shell, 'apt-get update && echo done\n');
  });

  test('silent: echo/logger of upgrade words, upgrade: no, a named package at latest, vars files', () => {
    assert.deepEqual(summary(lintFixture('silent.yml'), 'in-place-upgrade'), []);
    assert.deepEqual(summary(tasks('- apt: upgrade=no', '- yum: name=nginx state=latest', '- shell: yum update nginx'), 'in-place-upgrade'), []);
    assert.deepEqual(lintFixture('group_vars/all.yml').findings, []);
  });
});

describe('remote-unverified on Ansible', () => {
  test('get_url without checksum and unarchive from a URL; the span is the URL', () => {
    const linted = tasks(
      '- get_url: url=https://example.com/a.sh dest=/tmp/a.sh',
      '- ansible.builtin.unarchive:',
      '    src: "https://example.com/app.tgz"',
      '    dest: /opt',
      '    remote_src: true',
    );
    assert.deepEqual(summary(linted), ['remote-unverified@https://example.com/a.sh', 'remote-unverified@https://example.com/app.tgz']);
    assert.equal(linted.findings[0].severity, 'warning');
  });

  test('get_url with a templated URL or in a loop is a download too; sha256sum counts as a checksum', () => {
    const linted = tasks(
      '- name: fetch tools',
      '  get_url:',
      '    url: "{{ item.url }}"',
      '    dest: /usr/local/bin/',
      '  loop: "{{ tools }}"',
      '- get_url: url={{ node_url }} dest=/tmp/node.tgz',
      '- get_url: url={{ jq_url }} dest=/usr/bin/jq sha256sum=5942c9b0934e510ee61eb3e30273f1b3fe2590df93933a93d7c58b81d19c8ff5',
      '- unarchive: src={{ archive }} dest=/opt',
    );
    assert.deepEqual(summary(linted), ['remote-unverified@{{ item.url }}', 'remote-unverified@{{ node_url }}']);
  });

  test('silent: a checksum, a local archive, a templated URL with a checksum', () => {
    assert.deepEqual(summary(lintFixture('silent.yml'), 'remote-unverified'), []);
    assert.deepEqual(summary(tasks('- get_url: url={{ u }} dest=/x checksum={{ sum }}', '- unarchive: src=files/a.tgz dest=/opt')), []);
    assert.deepEqual(summary(tasks('- get_url: url=file:///srv/mirror/jq dest=/usr/local/bin/jq')), [], 'a file:// source is no network download');
  });
});

describe('git-unpinned on Ansible', () => {
  test('no version (span: the module key), HEAD, a branch (span: the version value)', () => {
    const linted = tasks(
      '- ansible.builtin.git: repo=https://g/x dest=/x',
      '- git:',
      '    repo: https://g/y',
      '    dest: /y',
      '    version: HEAD',
      '- git: repo=https://g/z dest=/z version=develop',
    );
    assert.deepEqual(summary(linted), ['git-unpinned@ansible.builtin.git', 'git-unpinned@HEAD', 'git-unpinned@develop']);
  });

  test('a null version (`~`, `null`, empty) is no version: reported at the module key', () => {
    const linted = tasks(
      ...['~', 'null', ''].flatMap((version, i) => ['- git:', `    repo: https://g/${i}`, `    dest: /${i}`, `    version:${version ? ` ${version}` : ''}`]),
    );
    assert.deepEqual(summary(linted), ['git-unpinned@git', 'git-unpinned@git', 'git-unpinned@git']);
  });

  test('silent: a 40-hex commit, a version tag, a templated version', () => {
    const linted = tasks(
      '- git: repo=https://g/x dest=/x version=0123456789abcdef0123456789abcdef01234567',
      '- git: repo=https://g/x dest=/x version=v1.2.3',
      '- git: repo=https://g/x dest=/x version="{{ app_version }}"',
    );
    assert.deepEqual(summary(linted), []);
  });

  test('# noqa: latest[git] on the task silences it', () => {
    const linted = tasks('- name: clone  # noqa: latest[git]', '  git:', '    repo: https://g/x', '    dest: /x', '- git: repo=https://g/y dest=/y');
    assert.deepEqual(summary(linted), ['git-unpinned@git']);
    assert.equal(linted.findings[0].range.start.line, 4);
  });
});

describe('live-config-edit', () => {
  test('lineinfile, blockinfile, replace, ini_file, ansible.posix.patch, sed -i in shell; span: the module key', () => {
    const linted = tasks(
      '- lineinfile: path=/etc/a line=x',
      '- ansible.builtin.blockinfile: { path: /etc/b, block: y }',
      '- replace: path=/etc/c regexp=a replace=b',
      '- community.general.ini_file: path=/etc/d section=s option=o value=v',
      '- ansible.posix.patch: src=p dest=/etc/e',
      '- shell: sed -i "s/a/b/" /etc/f && systemctl restart f',
    );
    assert.deepEqual(summary(linted), [
      'live-config-edit@lineinfile',
      'live-config-edit@ansible.builtin.blockinfile',
      'live-config-edit@replace',
      'live-config-edit@community.general.ini_file',
      'live-config-edit@ansible.posix.patch',
      'live-config-edit@sed -i "s/a/b/" /etc/f',
    ]);
    for (const f of linted.findings) {
      assert.equal(f.severity, 'warning');
      assert.match(f.message, /template/);
      assert.deepEqual(f.fixes, []);
    }
  });

  test('silent: template, copy, sed without -i, the word in a string', () => {
    const linted = tasks('- template: src=a.j2 dest=/etc/a', '- copy: src=b dest=/etc/b', '- shell: sed "s/a/b/" /etc/f > /tmp/f', '- debug: msg="use lineinfile"');
    assert.deepEqual(summary(linted), []);
  });

  test('Chef: Chef::Util::FileEdit in a ruby_block, sed -i in execute', () => {
    const text = [
      "ruby_block 'tune' do",
      '  block do',
      "    fe = Chef::Util::FileEdit.new('/etc/app.conf')",
      "    fe.search_file_replace_line(/^mode/, 'mode=prod')",
      '    fe.write_file',
      '  end',
      'end',
      '',
      "execute 'edit' do",
      "  command \"sed -i 's/a/b/' /etc/other.conf\"",
      'end',
      '',
    ].join('\n');
    const result = lint({ path: 'recipe.rb', text }, { kind: 'chef' });
    const edits = result.findings.filter((f) => f.rule === 'live-config-edit');
    assert.equal(edits.length, 2);
    assert.deepEqual(edits.map((f) => f.severity), ['warning', 'warning']);
    assert.match(at(text, edits[1].span), /^sed -i/);
  });
});

describe('integrity-bypass on Ansible', () => {
  test('validate_certs false/no, disable_gpg_check, allow_unauthenticated, sslverify; span: the key', () => {
    const linted = tasks(
      '- get_url: url=https://x/a dest=/a checksum=sha256:abc validate_certs=no',
      '- dnf:',
      '    name: x-1.2.3',
      '    disable_gpg_check: true',
      '- apt: name=y=1.0 allow_unauthenticated=yes',
      '- yum_repository:',
      '    name: r',
      '    baseurl: https://x/r',
      '    sslverify: False',
    );
    assert.deepEqual(summary(linted), [
      'integrity-bypass@validate_certs',
      'integrity-bypass@disable_gpg_check',
      'integrity-bypass@allow_unauthenticated',
      'integrity-bypass@sslverify',
    ]);
    for (const f of linted.findings) assert.equal(f.severity, 'error');
  });

  test('the fix sets the verifying value back in the spelling the file uses', () => {
    const text = '- uri:\n    url: https://x\n    validate_certs: no\n- get_url: url=https://y dest=/y checksum=sha256:1 validate_certs=False\n';
    let linted = lintText(TASKS, text);
    const titles: string[] = [];
    while (linted.findings.some((f) => f.rule === 'integrity-bypass')) {
      const finding = linted.findings.find((f) => f.rule === 'integrity-bypass')!;
      titles.push(localFix(finding).title);
      linted = applyFix(linted, finding);
    }
    assert.deepEqual(titles, ['Set validate_certs back to yes', 'Set validate_certs back to True']);
    assert.equal(linted.text, text.replace('validate_certs: no', 'validate_certs: yes').replace('validate_certs=False', 'validate_certs=True'));
  });

  test('silent: verification on, or force on modules where it means something else', () => {
    const linted = tasks('- uri: url=https://x validate_certs=true', '- copy: src=a dest=/b force=yes', '- dnf: name=x-1.2.3 disable_gpg_check=no');
    assert.deepEqual(summary(linted), []);
  });
});

describe('image rules on Ansible', () => {
  test('docker_container, podman_container, docker_image name+tag, k8s inline definitions', () => {
    const linted = tasks(
      '- community.docker.docker_container: name=web image=nginx',
      '- containers.podman.podman_container:',
      '    name: db',
      '    image: "docker.io/library/postgres:16"',
      '- docker_image:',
      '    name: redis',
      '    tag: "7.2"',
      '    source: pull',
      '- kubernetes.core.k8s:',
      '    state: present',
      '    definition:',
      '      apiVersion: v1',
      '      kind: Pod',
      '      metadata: { name: p }',
      '      spec:',
      '        containers:',
      '          - name: c',
      '            image: busybox:latest',
    );
    assert.deepEqual(summary(linted), [
      'image-latest-tag@nginx',
      'image-digest-missing@docker.io/library/postgres:16',
      'image-digest-missing@redis',
      'image-latest-tag@busybox:latest',
    ]);
    assert.deepEqual(linted.findings.map((f) => f.severity), ['error', 'warning', 'warning', 'error']);
  });

  test('the digest fix appends @sha256 after the tag in both forms', () => {
    const text = '- docker_container: name=web image=nginx:1.25\n- docker_container:\n    name: api\n    image: "ghcr.io/acme/api:2.0"\n';
    const linted = lintText(TASKS, text);
    const pins = linted.findings.map((f) => f.fixes.find((x) => x.kind === 'digest'));
    const digest = `sha256:${'a'.repeat(64)}`;
    let fixed = text;
    for (const pin of pins.reverse()) {
      assert.ok(pin && pin.kind === 'digest');
      fixed = applyEdits(fixed, pin.edits.map((e) => ({ ...e, newText: e.newText.replace(DIGEST_PLACEHOLDER, digest) })));
    }
    assert.equal(fixed, text.replace('nginx:1.25', `nginx:1.25@${digest}`).replace('api:2.0', `api:2.0@${digest}`));
    assert.deepEqual(lintText(TASKS, fixed).findings, []);
  });

  test('a container from an image the same file builds (docker_image source: build, old build:/path:, a loop of records) is silent; another tag is not', () => {
    const linted = tasks(
      '- docker_image:',
      '    name: test',
      '    source: build',
      '    build: { path: test }',
      '- docker_image:',
      '    name: "{{ item.name }}"',
      '    tag: "{{ item.tag }}"',
      '    source: build',
      '  with_items:',
      '    - { name: data, tag: latest }',
      '    - { name: flask, tag: "2.0" }',
      '- docker_image: name=legacy path=./legacy',
      '- docker_container: name=a image=test:latest',
      '- docker_container: name=b image=data',
      '- docker_container: name=c image=flask:2.0',
      '- docker_container: name=d image=legacy',
      '- docker_container: name=e image=flask',
      '- docker_container: name=f image=test:1.0',
    );
    assert.deepEqual(summary(linted), ['image-latest-tag@flask', 'image-digest-missing@test:1.0']);
    assert.equal(linted.facts?.images.find((i) => i.text === 'data')?.builtBy, 'a `docker_image` build in this file');
  });

  test('silent: digests, templated images, removed containers, built images', () => {
    const linted = tasks(
      `- docker_container: name=a image=nginx@sha256:${'0'.repeat(64)}`,
      '- docker_container: name=b image="{{ img }}"',
      '- docker_container: name=c image=nginx state=absent',
      '- docker_image: name=myapp source=build',
    );
    assert.deepEqual(summary(linted), []);
  });
});

describe('package-unpinned on Ansible', () => {
  test('package modules without a version are info; versions in the name or `version:` pass', () => {
    const linted = tasks(
      '- apt: name=curl',
      '- pip:',
      '    name: flask',
      '    version: "3.0.0"',
      '- pip: name=django==4.2',
      '- npm: name=left-pad global=yes',
      '- dnf: name=httpd-2.4.57',
      '- apt: name=curl state=absent',
    );
    assert.deepEqual(summary(linted), ['package-unpinned@curl', 'package-unpinned@left-pad']);
    assert.deepEqual(linted.findings.map((f) => f.severity), ['info', 'info']);
  });

  test('one finding per task, on its first unversioned package; the message names each, related locations point at each', () => {
    const linted = tasks('- apt:', '    name: [curl, "jq=1.6", git]', '- package: name=sudo,htop');
    assert.deepEqual(summary(linted), ['package-unpinned@curl', 'package-unpinned@sudo']);
    const list = only(linted, 'package-unpinned', 'curl');
    assert.match(list.message, /^`curl` and `git` are installed without a version \(apt\).*Pin them: `curl=<version>` and `git=<version>`\.$/);
    assert.deepEqual(relatedTexts(linted, list), ['curl', 'git']);
    assert.deepEqual(list.related?.[1].range, { start: { line: 1, character: 27 }, end: { line: 1, character: 30 } });
    assert.match(only(linted, 'package-unpinned', 'sudo').message, /^`sudo` and `htop` are installed .* \(package\).*Pin them to an exact version\.$/);
  });

  test('a loop over a literal list: each item is a package at its place (loop, with_items, with_list, loop_var)', () => {
    const linted = tasks(
      '- name: tools',
      '  apt:',
      '    name: "{{ item }}"',
      '  loop:',
      '    - htop',
      '    - "jq=1.6"',
      '    - vim',
      '- yum: name={{ pkg }}',
      '  with_items: [tmux]',
      '  loop_control:',
      '    loop_var: pkg',
      '- apt:',
      '    name: "{{ item }}"',
      '    state: latest',
      '  with_list: [a, b]',
    );
    assert.deepEqual(summary(linted), ['package-unpinned@htop', 'package-unpinned@tmux', 'package-latest@latest']);
    const tools = only(linted, 'package-unpinned', 'htop');
    assert.deepEqual(tools.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 10 } });
    assert.deepEqual(relatedTexts(linted, tools), ['htop', 'vim']);
    assert.match(only(linted, 'package-unpinned', 'tmux').message, /Pin it: `tmux-<version>`/);
  });

  test("a list variable from the play's vars or the role's defaults/vars: reported at the reference, naming where it is defined", () => {
    const play = lintText(
      'site.yml',
      [
        '- hosts: all',
        '  vars:',
        '    base: [curl, "git=1:2.39"]',
        '  tasks:',
        '    - apt: name="{{ base }}"',
        '    - dnf:',
        '        name: "{{ p }}"',
        '      loop: "{{ base }}"',
        '      loop_control: { loop_var: p }',
        '',
      ].join('\n'),
    );
    assert.deepEqual(summary(play), ['package-unpinned@{{ base }}', 'package-unpinned@{{ base }}']);
    assert.match(play.findings[0].message, /^`curl` \(from `base` in the play's vars\) is installed/);
    assert.equal(play.findings[0].related, undefined);

    const root = mkdtempSync(join(tmpdir(), 'driftless-role-'));
    try {
      mkdirSync(join(root, 'roles', 'web', 'tasks'), { recursive: true });
      mkdirSync(join(root, 'roles', 'web', 'defaults'));
      mkdirSync(join(root, 'roles', 'web', 'vars'));
      writeFileSync(join(root, 'roles', 'web', 'defaults', 'main.yml'), 'web_packages: [nginx, certbot]\nextra: [jq]\n');
      writeFileSync(join(root, 'roles', 'web', 'vars', 'main.yaml'), 'extra: ["jq=1.6"]\n');
      const path = join(root, 'roles', 'web', 'tasks', 'main.yml');
      const text = ['- package:', '    name: "{{ web_packages }}"', '- apt: name={{ extra }}', '- apt: name={{ nowhere }}', ''].join('\n');
      const role = lintWithFiles(path, text);
      assert.deepEqual(summary(role), ['package-unpinned@{{ web_packages }}']);
      assert.match(role.findings[0].message, /^`nginx` and `certbot` \(from `web_packages` in web\/defaults\/main.yml\) are installed/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('silent: loops over dicts, templated items, unknown or non-list variables, a name that is not the loop variable', () => {
    const linted = lintText(
      'site.yml',
      [
        '- hosts: all',
        '  vars:',
        '    version: "1.2"',
        '  tasks:',
        '    - apt: name="{{ item.name }}"',
        '      loop: [{ name: x }]',
        '    - apt: name="{{ item }}"',
        '      loop: ["{{ other }}"]',
        '    - apt: name="{{ version }}"',
        '    - apt: name="{{ missing }}"',
        '    - apt: name="{{ pkg }}"',
        '      loop: [curl]',
        '',
      ].join('\n'),
    );
    assert.deepEqual(summary(linted), []);
  });
});

describe('suppression on Ansible', () => {
  test('driftless-disable-next-line above a task covers the whole task', () => {
    const linted = tasks(
      '# driftless-disable-next-line integrity-bypass,remote-unverified -- vendor mirror',
      '- get_url:',
      '    url: https://x/a',
      '    dest: /a',
      '    validate_certs: no',
      '- get_url: url=https://x/b dest=/b',
    );
    assert.deepEqual(summary(linted), ['remote-unverified@https://x/b']);
  });
});

describe('more spellings of the same ideas', () => {
  test('Homebrew `upgraded`, Chocolatey `upgrade` are latest; apt and pkgng `name: "*"` upgrade everything', () => {
    const linted = tasks(
      '- community.general.homebrew: name=jq state=upgraded',
      '- chocolatey.chocolatey.win_chocolatey: name=git state=upgrade',
      '- apt: name=* state=latest',
      '- community.general.pkgng: name=* state=latest',
    );
    assert.deepEqual(summary(linted), [
      'package-latest@upgraded',
      'package-latest@upgrade',
      'in-place-upgrade@name=*',
      'in-place-upgrade@name=*',
    ]);
  });

  test("pip's --trusted-host, an apt source marked [trusted=yes], deb822 `trusted: yes`", () => {
    const linted = tasks(
      '- pip: name=flask==3.0.0 extra_args="--trusted-host pypi.internal"',
      '- apt_repository: repo="deb [arch=amd64 trusted=yes] http://repo.internal/ stable main"',
      '- deb822_repository:',
      '    name: internal',
      '    uris: http://repo.internal/',
      '    trusted: yes',
    );
    assert.deepEqual(summary(linted), ['integrity-bypass@--trusted-host', 'integrity-bypass@trusted=yes', 'integrity-bypass@trusted']);
    assert.equal(localFix(linted.findings[2]).title, 'Set trusted back to no');
  });

  test('apk and pacman upgrade=yes, win_updates; gpgcheck off on a repository', () => {
    const linted = tasks(
      '- community.general.apk: upgrade=yes',
      '- community.general.pacman: update_cache=yes upgrade=yes',
      '- ansible.windows.win_updates: category_names=SecurityUpdates',
      '- yum_repository: name=r baseurl=https://x/r gpgcheck=no',
    );
    assert.deepEqual(summary(linted), [
      'in-place-upgrade@upgrade=yes',
      'in-place-upgrade@upgrade=yes',
      'in-place-upgrade@ansible.windows.win_updates',
      'integrity-bypass@gpgcheck',
    ]);
  });

  test('win_shell runs PowerShell: not read as sh', () => {
    assert.deepEqual(summary(tasks('- ansible.windows.win_shell: apt-get upgrade -y')), []);
  });
});

describe('broken input', () => {
  test('a YAML syntax error is one info finding with the parser message; what parsed is still linted', () => {
    const text = '- hosts: all\n  tasks:\n    - apt: name=x state=latest\n   bad: [\n';
    const linted = lintText('site.yml', text);
    assert.equal(linted.kind, 'ansible');
    assert.deepEqual(summary(linted).map((s) => s.split('@')[0]), ['package-latest', 'yaml-syntax']);
    const syntax = linted.findings.find((f) => f.rule === 'yaml-syntax')!;
    assert.equal(syntax.severity, 'info');
    assert.match(syntax.message, /^YAML syntax error: .+/);
  });

  test('a shell line tree-sitter cannot parse still yields the commands it recovered', () => {
    const linted = tasks('- shell: apt-get -y upgrade && echo "unterminated');
    assert.deepEqual(summary(linted), ['in-place-upgrade@apt-get -y upgrade']);
  });
});

describe("ansible-lint's older pragmas", () => {
  test('# noqa git-latest / 401 / 403 map to git-unpinned and package-latest', () => {
    const linted = tasks(
      '- git: repo=https://g/x dest=/x  # noqa git-latest',
      '- git: repo=https://g/y dest=/y  # noqa 401',
      '- apt: name=curl=8.5.0 state=latest  # noqa 403',
      '- apt: name=git=1:2.43 state=latest',
    );
    assert.deepEqual(summary(linted), ['package-latest@latest']);
    assert.equal(linted.findings[0].range.start.line, 3);
  });
});
