import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ansibleFrontEnd } from '../../rules/front-ends/ansible';
import { applyEdits } from '../../rules/text';
import type { Facts, LocalFix } from '../../rules/types';
import { at, fixture, load, ready, withoutTask } from './support';

before(ready);

const NO_FILES = { exists: () => false };

function factsOf(path: string, text: string): Facts {
  assert.equal(ansibleFrontEnd.classify({ path, text }, NO_FILES), 'ansible');
  return ansibleFrontEnd.extract({ path, text }, 'ansible', NO_FILES);
}

/** The fix of the upgrade covering `covered`. */
function upgradeFix(facts: Facts, text: string, covered: string): LocalFix {
  const upgrade = facts.upgrades.find((u) => at(text, u.span) === covered);
  assert.ok(upgrade, `an upgrade on ${JSON.stringify(covered)}; have ${JSON.stringify(facts.upgrades.map((u) => at(text, u.span)))}`);
  assert.ok(upgrade.fix, 'it has a fix');
  return upgrade.fix;
}

/** Removes the task and checks the YAML loads to the same content without it. */
function removes(path: string, text: string, covered: string, taskName: string): string {
  const fix = upgradeFix(factsOf(path, text), text, covered);
  assert.equal(fix.title, `Remove the task '${taskName}'`);
  const fixed = applyEdits(text, fix.edits);
  assert.deepEqual(load(fixed), withoutTask(load(text), taskName));
  assert.equal(factsOf(path, fixed).upgrades.filter((u) => at(fixed, u.span) === covered).length, 0);
  return fixed;
}

describe('removing a whole patch task', () => {
  test('a task between others: its `- name:` line and everything indented under it, the blank line before the next kept', () => {
    const { path, text } = fixture('playbook.yml');
    const fixed = removes(path, text, 'upgrade: dist', 'Upgrade all packages');
    assert.equal(
      fixed,
      text.replace('    - name: Upgrade all packages\n      ansible.builtin.apt:\n        upgrade: dist\n        update_cache: yes\n\n', ''),
    );
  });

  test('the last task of a play followed by another play', () => {
    const text = [
      '- hosts: web',
      '  tasks:',
      '    - name: keep',
      '      debug: msg=hi',
      '',
      '    - name: patch',
      '      yum: name=* state=latest',
      '      # trailing comment of the task',
      '',
      '- hosts: db',
      '  tasks:',
      '    - name: other',
      '      debug: msg=db',
      '',
    ].join('\n');
    const fixed = removes('site.yml', text, 'name=*', 'patch');
    assert.equal(fixed, text.replace('    - name: patch\n      yum: name=* state=latest\n      # trailing comment of the task\n\n', ''));
  });

  test('the only task of a play leaves `tasks: []`', () => {
    const text = '- hosts: all\n  tasks:\n    - name: only\n      apt:\n        upgrade: safe\n  vars:\n    a: 1\n';
    const fixed = removes('site.yml', text, 'upgrade: safe', 'only');
    assert.equal(fixed, '- hosts: all\n  tasks: []\n  vars:\n    a: 1\n');
  });

  test('the only task of a task file leaves an empty list', () => {
    const { path, text } = fixture('tasks/single-upgrade.yml');
    const fixed = removes(path, text, 'upgrade: full', 'The only task');
    assert.equal(fixed, '---\n[]\n');
  });

  test('inside a block, with sequences indented at the key column', () => {
    const text = [
      '- name: maintenance',
      '  block:',
      '  - name: update all',
      '    dnf:',
      '      name: "*"',
      '      state: latest',
      '  - name: reboot',
      '    reboot:',
      '  when: patching',
      '',
    ].join('\n');
    const fixed = removes('roles/x/tasks/main.yml', text, 'name: "*"', 'update all');
    assert.equal(fixed, text.replace('  - name: update all\n    dnf:\n      name: "*"\n      state: latest\n', ''));
  });

  test('the only task of a block leaves `block: []`', () => {
    const text = '- block:\n    - name: dup\n      zypper: name=* state=dist-upgrade\n  rescue:\n    - debug: msg=failed\n';
    const fixed = removes('roles/x/tasks/main.yml', text, 'state=dist-upgrade', 'dup');
    assert.equal(fixed, '- block: []\n  rescue:\n    - debug: msg=failed\n');
  });

  test('a shell task whose only command is the upgrade goes whole; in a chain only the command goes', () => {
    const text = [
      '- name: shell upgrade',
      '  shell: apt-get -y dist-upgrade',
      '- name: chained',
      '  shell: >',
      '    apt-get update &&',
      '    apt-get -y upgrade &&',
      '    echo done',
      '',
    ].join('\n');
    const path = 'roles/x/tasks/main.yml';
    removes(path, text, 'apt-get -y dist-upgrade', 'shell upgrade');
    const facts = factsOf(path, text);
    const chained = upgradeFix(facts, text, 'apt-get -y upgrade');
    assert.equal(chained.title, "Remove `apt-get -y upgrade` from the task's command");
    const fixed = applyEdits(text, chained.edits);
    const [tasks] = load(fixed) as Array<Array<Record<string, unknown>>>;
    assert.equal(tasks[1].shell, 'apt-get update && echo done\n');
    assert.equal(factsOf(path, fixed).upgrades.length, 1);
  });

  test('a task name with a template is described by what it runs', () => {
    const text = '- name: "{{ what }}"\n  apt: upgrade=dist\n- debug: msg=x\n';
    const fix = upgradeFix(factsOf('roles/x/tasks/main.yml', text), text, 'upgrade=dist');
    assert.equal(fix.title, 'Remove the task (apt: upgrade=dist)');
    assert.equal(applyEdits(text, fix.edits), '- debug: msg=x\n');
  });

  test('a flow-style task list offers no removal (it cannot be cut by lines)', () => {
    const text = '- hosts: all\n  tasks: [ { name: up, apt: { upgrade: dist } } ]\n';
    const facts = factsOf('site.yml', text);
    assert.equal(facts.upgrades.length, 1);
    assert.equal(facts.upgrades[0].fix, undefined);
  });
});
