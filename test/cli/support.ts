import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../support/requirements';

export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm test` builds it first) as a subprocess. */
export function runCli(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; cli?: string; uid?: number; gid?: number; timeoutMs?: number }): CliRun {
  const cli = options.cli ?? CLI;
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...options.env },
    uid: options.uid,
    gid: options.gid,
    timeout: options.timeoutMs,
  };
  const result = spawnSync(process.execPath, [cli, ...args], spawnOptions);
  if (result.error) throw result.error;
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A fresh folder holding `files` (path -> text or bytes); removed by the returned cleanup. */
export function tempTree(files: Readonly<Record<string, string | Uint8Array>>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'driftless-cli-'));
  writeTree(dir, files);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeTree(dir: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}
