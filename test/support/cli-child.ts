import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './requirements';

export const BUILT_CLI = join(REPO_ROOT, 'dist', 'cli.js');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** The built CLI in a child process, asynchronously so the test's own servers keep answering; HOME is `cwd`. */
export function runBuiltCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BUILT_CLI, ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd, ...env } }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
      if (status === undefined) reject(error);
      else resolve({ status, stdout, stderr });
    });
  });
}
