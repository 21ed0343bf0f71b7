// Writes a deterministic tree of realistic Ansible content for the benchmarks: roles (tasks, handlers,
// defaults) and playbooks with blocks, FQCN and short module names, map and free-form arguments, shell
// tasks with chains and block scalars, downloads, git checkouts, config edits and containers.
// Usage: node --import tsx bench/generate-ansible.ts [roles] [outDir]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './generate-dockerfiles';
import { GENERATED_SHELL_COMMANDS } from './shell-commands';

export const DEFAULT_ROLES = 1000;
export const DEFAULT_OUT = join(__dirname, 'out', 'ansible');
const SEED = 0xa115_b1e;

type Random = () => number;
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const chance = (rand: Random, p: number): boolean => rand() < p;
const between = (rand: Random, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

const PACKAGES = ['nginx', 'curl', 'git', 'htop', 'jq', 'postgresql', 'redis-server', 'python3-pip', 'chrony', 'unzip', 'rsync', 'vim'];
const PIP = ['flask', 'requests', 'gunicorn', 'boto3', 'psycopg2-binary'];
const IMAGES = ['nginx', 'nginx:1.25', 'redis:7.2', 'postgres:16', 'ghcr.io/acme/api:2.3.1', 'busybox:latest'];

function packageTask(rand: Random, indent: string): string {
  const module = pick(rand, ['apt', 'ansible.builtin.apt', 'yum', 'ansible.builtin.dnf', 'package', 'ansible.builtin.package']);
  const state = pick(rand, ['present', 'present', 'latest', 'absent']);
  const name = pick(rand, PACKAGES);
  if (chance(rand, 0.4)) return `${indent}- name: Install ${name}\n${indent}  ${module}: name=${name} state=${state}\n`;
  const list = Array.from({ length: between(rand, 1, 4) }, () => pick(rand, PACKAGES));
  return [
    `${indent}- name: Install packages`,
    `${indent}  ${module}:`,
    `${indent}    name:`,
    ...list.map((p) => `${indent}      - ${chance(rand, 0.3) ? `${p}=1.${between(rand, 0, 9)}.${between(rand, 0, 20)}` : p}`),
    `${indent}    state: ${state}`,
    `${indent}    update_cache: ${pick(rand, ['yes', 'true', 'no'])}`,
    '',
  ].join('\n');
}

function shellTask(rand: Random, indent: string): string {
  const chain = Array.from({ length: between(rand, 1, 3) }, () => pick(rand, GENERATED_SHELL_COMMANDS));
  const module = pick(rand, ['shell', 'ansible.builtin.shell', 'command', 'ansible.builtin.command']);
  if (chance(rand, 0.5)) return `${indent}- name: Run a command\n${indent}  ${module}: ${chain.join(' && ').replaceAll('"', '\\"').replace(/^(.*)$/, '"$1"')}\n${indent}  changed_when: false\n`;
  return [`${indent}- name: Run a script`, `${indent}  ${module}: |`, ...chain.map((c) => `${indent}    ${c}`), `${indent}  args:`, `${indent}    chdir: /opt/app`, ''].join('\n');
}

function otherTask(rand: Random, indent: string): string {
  switch (between(rand, 0, 7)) {
    case 0:
      return `${indent}- name: Download the tool\n${indent}  get_url:\n${indent}    url: https://example.com/tool-${between(rand, 1, 9)}.tgz\n${indent}    dest: /tmp/tool.tgz\n${chance(rand, 0.5) ? `${indent}    checksum: sha256:${'ab'.repeat(32)}\n` : ''}${chance(rand, 0.2) ? `${indent}    validate_certs: no\n` : ''}`;
    case 1:
      return `${indent}- name: Check out the app\n${indent}  ansible.builtin.git:\n${indent}    repo: https://github.com/acme/app.git\n${indent}    dest: /srv/app\n${chance(rand, 0.6) ? `${indent}    version: ${pick(rand, ['main', 'v1.4.2', 'HEAD', '0123456789abcdef0123456789abcdef01234567'])}\n` : ''}`;
    case 2:
      return `${indent}- name: Tune a setting\n${indent}  ${pick(rand, ['lineinfile', 'ansible.builtin.lineinfile', 'community.general.ini_file'])}:\n${indent}    path: /etc/app.conf\n${indent}    regexp: '^mode='\n${indent}    line: mode=production\n`;
    case 3:
      return `${indent}- name: Run the container\n${indent}  community.docker.docker_container:\n${indent}    name: app\n${indent}    image: "${pick(rand, IMAGES)}"\n${indent}    restart_policy: always\n`;
    case 4:
      return `${indent}- name: Python deps\n${indent}  pip: name=${pick(rand, PIP)} state=${pick(rand, ['present', 'latest'])}\n`;
    case 5:
      return `${indent}- name: Template the config\n${indent}  template:\n${indent}    src: app.conf.j2\n${indent}    dest: /etc/app/app.conf\n${indent}    mode: "0644"\n${indent}  notify: restart app\n`;
    case 6:
      return `${indent}- name: Ensure the service runs\n${indent}  ansible.builtin.service: name=app state=started enabled=yes\n`;
    default:
      return `${indent}- name: Upgrade everything\n${indent}  ansible.builtin.apt:\n${indent}    upgrade: dist\n${indent}  when: patching | default(false)\n`;
  }
}

function task(rand: Random, indent: string): string {
  const r = rand();
  if (r < 0.35) return packageTask(rand, indent);
  if (r < 0.55) return shellTask(rand, indent);
  return otherTask(rand, indent);
}

function taskList(rand: Random, indent: string, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    if (chance(rand, 0.1)) {
      out += `${indent}- name: A block\n${indent}  block:\n${taskList(rand, `${indent}    `, between(rand, 1, 3))}${indent}  rescue:\n${taskList(rand, `${indent}    `, 1)}`;
    } else out += task(rand, indent);
    out += '\n';
  }
  return out;
}

function playbook(rand: Random, roles: string[]): string {
  return [
    '---',
    `- name: Configure ${pick(rand, ['web', 'db', 'cache', 'workers'])}`,
    `  hosts: ${pick(rand, ['all', 'web', 'db'])}`,
    '  become: true',
    '  roles:',
    ...roles.map((r) => `    - ${r}`),
    '  pre_tasks:',
    taskList(rand, '    ', between(rand, 1, 2)),
    '  tasks:',
    taskList(rand, '    ', between(rand, 3, 10)),
  ].join('\n');
}

/** Writes `roles` roles (tasks + handlers + defaults) and one playbook per 4 roles; returns the linted file count. */
export function generateAnsible(roles = DEFAULT_ROLES, out = DEFAULT_OUT): { dir: string; files: number } {
  rmSync(out, { recursive: true, force: true });
  const rand = seededRandom(SEED);
  let files = 0;
  const names: string[] = [];
  for (let i = 0; i < roles; i++) {
    const name = `role${i}`;
    names.push(name);
    const role = join(out, 'roles', name);
    for (const folder of ['tasks', 'handlers', 'defaults']) mkdirSync(join(role, folder), { recursive: true });
    writeFileSync(join(role, 'tasks', 'main.yml'), `---\n# Tasks of ${name}\n${taskList(rand, '', between(rand, 4, 20))}`);
    writeFileSync(join(role, 'handlers', 'main.yml'), `---\n- name: restart app\n  ansible.builtin.service: name=app state=restarted\n`);
    writeFileSync(join(role, 'defaults', 'main.yml'), `---\n${name}_state: latest\n${name}_image: nginx:latest\n`);
    files += 2;
    if (i % 4 === 3) {
      writeFileSync(join(out, `site${i}.yml`), playbook(rand, names.slice(-4)));
      files++;
    }
  }
  return { dir: out, files };
}

if (require.main === module) {
  const roles = Number(process.argv[2] ?? DEFAULT_ROLES);
  const { dir, files } = generateAnsible(roles, process.argv[3] ?? DEFAULT_OUT);
  console.log(`wrote ${files} Ansible files to ${dir}`);
}
