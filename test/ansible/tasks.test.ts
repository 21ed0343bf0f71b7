import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSeq, parseDocument } from 'yaml';
import { parseFreeForm, splitArgs } from '../../rules/front-ends/ansible/free-form';
import { shortModuleName } from '../../rules/front-ends/ansible/modules';
import { collectContent, type Task } from '../../rules/front-ends/ansible/tasks';
import { at } from './support';

function tasksOf(text: string, playbook = false): Task[] {
  const root = parseDocument(text).contents;
  assert.ok(isSeq(root));
  return collectContent(text, root, playbook).tasks;
}

/** `key=<text of the value span>` for each argument. */
function args(text: string, task: Task): string[] {
  return [...task.args].map(([key, arg]) => `${key}=${at(text, arg.span)}`);
}

describe('module names', () => {
  test('short, FQCN and ansible.legacy names normalise to the short name', () => {
    assert.equal(shortModuleName('apt'), 'apt');
    assert.equal(shortModuleName('ansible.builtin.apt'), 'apt');
    assert.equal(shortModuleName('ansible.legacy.shell'), 'shell');
    assert.equal(shortModuleName('community.general.ini_file'), 'ini_file');
    assert.equal(shortModuleName('community.docker.docker_container'), 'docker_container');
  });

  test('the module key is the one key that is not a task keyword; action/local_action name it in their value', () => {
    const text = [
      '- name: a',
      '  become: true',
      '  ansible.builtin.apt: name=x',
      '  when: y',
      '- action: community.general.zypper name=x',
      '- local_action:',
      '    module: ansible.builtin.pip',
      '    name: flask',
      '',
    ].join('\n');
    const tasks = tasksOf(text);
    assert.deepEqual(
      tasks.map((t) => [t.module, at(text, t.moduleKey)]),
      [
        ['apt', 'ansible.builtin.apt'],
        ['zypper', 'community.general.zypper'],
        ['pip', 'ansible.builtin.pip'],
      ],
    );
    assert.deepEqual(args(text, tasks[2]), ['name=flask']);
  });

  test('plays: pre_tasks, tasks, post_tasks, handlers, and block/rescue/always nested', () => {
    const text = [
      '- hosts: all',
      '  pre_tasks: [{ apt: name=a }]',
      '  tasks:',
      '    - block:',
      '        - apt: name=b',
      '        - block:',
      '            - apt: name=c',
      '      rescue:',
      '        - apt: name=d',
      '      always:',
      '        - apt: name=e',
      '  post_tasks:',
      '    - apt: name=f',
      '  handlers:',
      '    - apt: name=g',
      '  roles: [x]',
      '',
    ].join('\n');
    assert.deepEqual(
      tasksOf(text, true).map((t) => t.args.get('name')?.value),
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    );
  });
});

describe('free-form arguments', () => {
  test('split on spaces outside quotes and Jinja blocks', () => {
    assert.deepEqual(
      splitArgs(`name=x msg="a b" path='{{ p }}/c d' when={{ a == 'b c' }}`).map((t) => t.text),
      ['name=x', 'msg="a b"', "path='{{ p }}/c d'", "when={{ a == 'b c' }}"],
    );
  });

  test('values lose their quotes and keep exact offsets', () => {
    const text = `dest="/tmp/a b" mode=0644 src='x=y'`;
    const form = parseFreeForm(text);
    assert.deepEqual(
      form.pairs.map((p) => [p.key, p.value, text.slice(p.valueStart, p.valueEnd)]),
      [
        ['dest', '/tmp/a b', '/tmp/a b'],
        ['mode', '0644', '0644'],
        ['src', 'x=y', 'x=y'],
      ],
    );
  });

  test('the ranges of free-form values in a quoted YAML scalar point into the file', () => {
    const text = `- apt: "name=nginx state=latest"\n- yum: 'name=''*'' state=latest'\n`;
    const [apt, yum] = tasksOf(text);
    assert.deepEqual(args(text, apt), ['name=nginx', 'state=latest']);
    assert.deepEqual(args(text, yum), ['name=*', 'state=latest']);
    assert.equal(yum.args.get('name')?.value, '*');
  });

  test('command modules: only their options are pairs, the rest is the command line', () => {
    const text = '- shell: FOO=1 apt-get upgrade chdir=/tmp creates=/x\n- command: "{{ item }} chdir={{ dir }}"\n';
    const [shell, command] = tasksOf(text);
    assert.deepEqual(args(text, shell), ['chdir=/tmp', 'creates=/x']);
    assert.equal(shell.command?.text, 'FOO=1 apt-get upgrade');
    assert.equal(text.slice(shell.command!.toFile(0), shell.command!.toFile(shell.command!.text.length, true)), 'FOO=1 apt-get upgrade');
    assert.equal(command.command?.text, '{{ item }}');
  });

  test('an option between command words is dropped from the command, which is then not safe to edit', () => {
    const text = '- shell: apt-get chdir=/tmp upgrade\n';
    const [task] = tasksOf(text);
    assert.equal(task.command?.text, 'apt-get upgrade');
    assert.equal(task.commandApproximate, true);
  });

  test('cmd: and argv: are the command too', () => {
    const text = '- command:\n    cmd: yum update -y\n- command:\n    argv: [apt-get, "dist-upgrade", -y]\n';
    const [cmd, argv] = tasksOf(text);
    assert.equal(cmd.command?.text, 'yum update -y');
    assert.deepEqual(argv.argv?.words.map((w) => [w.value, at(text, w.span)]), [
      ['apt-get', 'apt-get'],
      ['dist-upgrade', 'dist-upgrade'],
      ['-y', '-y'],
    ]);
  });
});
