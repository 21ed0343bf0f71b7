import { closeSync, fstatSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { lazyCrypto } from '../lazy-crypto';
import { describeFsError } from './source-file';

export type SafeWriteResult = { ok: true } | { ok: false; reason: string };

/**
 * Replaces a file's text with `after`, only if it still holds `before` (what the edits were computed from), only
 * when its real path lies inside one of `roots` (the folders the user gave, resolved), never through a symlink
 * that leads out of them. The new text goes to a temp file created exclusively beside the real file, then is
 * renamed over it: a reader never sees half a file, and a symlink inside the roots stays a symlink.
 */
export function rewriteFileSafely(path: string, before: string, after: string, roots: readonly string[]): SafeWriteResult {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    return { ok: false, reason: `cannot resolve it: ${describeFsError(error)}` };
  }
  const allowed = roots.flatMap((root) => {
    try {
      return [realpathSync(root)];
    } catch {
      // A root that is gone confines nothing: the write is refused below.
      return [];
    }
  });
  if (!allowed.some((root) => isWithin(real, root))) {
    return { ok: false, reason: `it leads to ${real}, outside ${roots.length === 1 ? roots[0] : 'the paths given'}` };
  }
  let current: Buffer;
  let mode: number;
  try {
    const fd = openSync(real, 'r');
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) return { ok: false, reason: 'it is no longer a regular file' };
      mode = stats.mode & 0o7777;
      current = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { ok: false, reason: `cannot read it again: ${describeFsError(error)}` };
  }
  if (current.toString('utf8') !== before) return { ok: false, reason: 'it changed while Driftless worked on it (run again)' };
  try {
    writeAtomically(real, after, mode);
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  return { ok: true };
}

/**
 * Writes `text` to `path` through a temp file created exclusively (`wx`: never an existing file or a symlink
 * planted at its name) in the same folder, then renamed over `path`. A symlink at `path` itself is replaced,
 * not followed.
 */
export function writeAtomically(path: string, text: string, mode = 0o666): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${lazyCrypto().randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  let open = true;
  let renamed = false;
  try {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    open = false;
    closeSync(fd);
    renameSync(temp, path);
    renamed = true;
  } finally {
    if (open) closeSync(fd);
    if (!renamed) unlinkSync(temp);
  }
}

/** Whether a path (already real) is a folder's own path or lies below it. */
function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

