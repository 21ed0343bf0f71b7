import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * The user's own cache folder for Driftless (`~/.cache/driftless`, `$XDG_CACHE_HOME/driftless`, the platform's
 * equivalent), created private; undefined where there is none we may trust. The V8 code cache and the CLI's
 * result cache (`--cache`) live there.
 */
export function userCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const root =
    process.platform === 'win32'
      ? env.LOCALAPPDATA
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Caches')
        : env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)
          ? env.XDG_CACHE_HOME
          : join(homedir(), '.cache');
  if (!root) return undefined;
  const dir = join(root, 'driftless');
  try {
    // Looked at first: every start asks, and a mkdir that fails with EEXIST builds an error with its stack.
    let stat = statSync(dir, { throwIfNoEntry: false });
    if (stat === undefined) {
      // One level at a time: a recursive mkdir spins forever where mkdir answers ENOENT under an existing
      // parent (a cache home under /proc).
      makeDir(root);
      makeDir(dir);
      stat = statSync(dir);
    }
    // What the cache holds is believed (code run, results reported): a folder someone else owns or may write to is not trusted.
    if (process.getuid && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch (error) {
    if (isFileSystemError(error)) return undefined;
    throw error;
  }
}

function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  }
}

/** An error of a file-system call (it has a `code` and a `syscall`), as against a defect. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error && 'syscall' in error;
}
