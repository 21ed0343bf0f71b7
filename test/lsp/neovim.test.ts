import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, requireComponent } from '../support/requirements';
import { SERVER_JS } from './client';
import { PLAYBOOK, TempWorkspace } from './workspace';

test('Neovim (vim.lsp) attaches to dist/server.js, receives the diagnostics and code actions, and applies the fix', (t) => {
  const nvim = requireComponent(t, 'neovim', ['/usr/bin/nvim']);
  if (!nvim) return;
  const ws = new TempWorkspace({ 'site.yml': PLAYBOOK });
  try {
    const xdg = join(ws.root, '.xdg');
    for (const dir of ['config', 'data', 'state', 'cache']) mkdirSync(join(xdg, dir), { recursive: true });
    const run = spawnSync(nvim, ['--headless', '-n', '-i', 'NONE', '-u', join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'neovim-client.lua')], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        DRIFTLESS_SERVER: SERVER_JS,
        DRIFTLESS_FILE: ws.path('site.yml'),
        DRIFTLESS_NODE: process.execPath,
        DRIFTLESS_OUT: join(ws.root, 'nvim-out.txt'),
        XDG_CONFIG_HOME: join(xdg, 'config'),
        XDG_DATA_HOME: join(xdg, 'data'),
        XDG_STATE_HOME: join(xdg, 'state'),
        XDG_CACHE_HOME: join(xdg, 'cache'),
      },
    });
    assert.equal(run.status, 0, `nvim failed:\n${run.stdout}\n${run.stderr}`);
    const lines = readFileSync(join(ws.root, 'nvim-out.txt'), 'utf8').split('\n').filter((l) => l.length > 0);
    assert.deepEqual(
      lines.filter((l) => l.startsWith('DIAGNOSTIC ')),
      ['DIAGNOSTIC 5:15-5:21 package-latest driftless 1', 'DIAGNOSTIC 7:6-7:16 live-config-edit driftless 2'],
    );
    assert.deepEqual(lines.filter((l) => l.startsWith('ACTION ')), [
      'ACTION Use state: present; the host keeps the version it has until one is written here | quickfix',
      'ACTION Suppress package-latest on this line | quickfix',
      'ACTION Suppress package-latest in this file | quickfix',
      'ACTION Turn off package-latest in .driftless.yaml | quickfix',
    ]);
    const text = lines.filter((l) => l.startsWith('TEXT ')).map((l) => l.slice(5)).join('\n');
    assert.equal(`${text}\n`, PLAYBOOK.replace('state: latest', 'state: present'));
    assert.ok(lines.includes('AFTER 1'), lines.join('\n'));
  } finally {
    ws.remove();
  }
});
