import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A throw-away workspace folder with the given files. */
export class TempWorkspace {
  readonly root: string;

  constructor(files: Record<string, string> = {}) {
    this.root = mkdtempSync(join(tmpdir(), 'driftless-lsp-'));
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }

  path(name: string): string {
    return join(this.root, name);
  }

  uri(name: string): string {
    return pathToFileURL(this.path(name)).href;
  }

  write(name: string, text: string): void {
    mkdirSync(dirname(this.path(name)), { recursive: true });
    writeFileSync(this.path(name), text);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** An Ansible play with one `state: latest` (package-latest) and one `lineinfile` (live-config-edit). */
export const PLAYBOOK = [
  '- hosts: web',
  '  tasks:',
  '    - name: install nginx',
  '      apt:',
  '        name: nginx=1.24.0-1',
  '        state: latest',
  '    - name: tune nginx',
  '      lineinfile:',
  '        path: /etc/nginx/nginx.conf',
  '        line: worker_processes 4;',
  '',
].join('\n');

export const CLEAN_PLAYBOOK = ['- hosts: web', '  tasks:', '    - name: install nginx', '      apt:', '        name: nginx=1.24.0-1', '        state: present', ''].join('\n');
