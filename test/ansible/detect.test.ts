import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { classify, lint } from '../../rules/engine';
import { fixture, ready } from './support';

before(ready);

const kindOf = (path: string, text: string) => classify({ path, text });

describe('which YAML is Ansible', () => {
  test('playbooks: plays with hosts and tasks/roles/pre_tasks/post_tasks/handlers, or import_playbook', () => {
    assert.equal(kindOf('site.yml', '- hosts: all\n  roles: [web]\n'), 'ansible');
    assert.equal(kindOf('deploy.yaml', '- hosts: web\n  handlers:\n    - service: name=x state=restarted\n'), 'ansible');
    assert.equal(kindOf('main.yml', '- import_playbook: web.yml\n- ansible.builtin.import_playbook: db.yml\n'), 'ansible');
    assert.equal(kindOf(fixture('playbook.yml').path, fixture('playbook.yml').text), 'ansible');
  });

  test('task files by folder (roles/*/tasks, handlers, tasks/) even with unknown modules, or empty', () => {
    assert.equal(kindOf('roles/web/tasks/main.yml', '- my.own.module: {}\n'), 'ansible');
    assert.equal(kindOf('roles/web/handlers/main.yml', '- name: restart\n  custom_module: x\n'), 'ansible');
    assert.equal(kindOf('playbooks/tasks/setup.yaml', '---\n'), 'ansible');
  });

  test('task lists anywhere whose items carry a known module key (short or FQCN)', () => {
    assert.equal(kindOf('setup.yml', '- name: a\n  apt: name=x\n- name: b\n  when: y\n  community.general.ini_file: path=/a\n'), 'ansible');
    assert.equal(kindOf('setup.yml', '- block:\n    - debug: msg=x\n'), 'ansible');
  });

  test('not Ansible: vars files, role defaults/meta, galaxy requirements, other lists, Kubernetes', () => {
    assert.equal(kindOf(fixture('group_vars/all.yml').path, fixture('group_vars/all.yml').text), undefined);
    assert.equal(kindOf('inventory/host_vars/web1/main.yml', '- apt: name=x\n'), undefined);
    assert.equal(kindOf('roles/web/defaults/main.yml', 'web_state: latest\n'), undefined);
    assert.equal(kindOf('roles/web/vars/main.yml', '- apt: name=x state=latest\n'), undefined);
    assert.equal(kindOf(fixture('requirements.yml').path, fixture('requirements.yml').text), undefined);
    assert.equal(kindOf('list.yml', '- name: alice\n  role: admin\n- name: bob\n  role: dev\n'), undefined);
    assert.equal(kindOf('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n'), 'kubernetes');
  });

  test('a vars file is never linted as tasks: its `state: latest` and `image:` say nothing', () => {
    assert.equal(kindOf('group_vars/web.yml', '- apt: name=x state=latest\n'), undefined);
  });
});

test('an old-style `include:` in a task list keeps it a task list, so its tasks are read', () => {
  const result = lint({ path: 'common.yml', text: '- include: other.yml\n- apt: name=nginx state=latest\n' });
  assert.equal(result.kind, 'ansible');
  assert.deepEqual(result.findings.map((f) => f.rule), ['package-latest']);
});
