import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { MAX_FILE_BYTES } from './limits';

export type ReadResult =
  | { status: 'text'; text: string }
  /** Not linted, for a reason the user is told (binary, too large, not UTF-8). */
  | { status: 'skipped'; reason: string }
  /** The file could not be read at all (permissions, vanished, a directory). */
  | { status: 'unreadable'; reason: string };

/** Reads a file as linted text, turning bad input into a reason instead of an exception. */
export async function readSourceFile(path: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return { status: 'unreadable', reason: 'not a regular file' };
      if (stats.size > MAX_FILE_BYTES) return tooLarge(stats.size);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { status: 'unreadable', reason: describeFsError(error) };
  }
  return decodeSource(bytes);
}

/** readSourceFile for batch runs: on small files a synchronous read costs a fraction of the promise round trips. */
export function readSourceFileSync(path: string): ReadResult {
  let bytes: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) return { status: 'unreadable', reason: 'not a regular file' };
      if (stats.size > MAX_FILE_BYTES) return tooLarge(stats.size);
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { status: 'unreadable', reason: describeFsError(error) };
  }
  return decodeSource(bytes);
}

function tooLarge(size: number): ReadResult {
  return { status: 'skipped', reason: `larger than ${MAX_FILE_BYTES / (1024 * 1024)} MB (${(size / (1024 * 1024)).toFixed(1)} MB)` };
}

export function decodeSource(bytes: Uint8Array): ReadResult {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(bytes.length);
  if (bytes.includes(0)) return { status: 'skipped', reason: 'binary file (contains NUL bytes)' };
  // isUtf8 + toString is several times faster than a fatal TextDecoder; both keep a BOM as U+FEFF.
  if (!isUtf8(bytes)) return { status: 'skipped', reason: 'not valid UTF-8 text' };
  return { status: 'text', text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
}

/** `permission denied`, `no such file or directory`, … from a Node fs error. */
export function describeFsError(error: unknown): string {
  if (error instanceof Error && 'code' in error) {
    switch (error.code) {
      case 'EACCES':
      case 'EPERM':
        return 'permission denied';
      case 'ENOENT':
        return 'no such file or directory';
      case 'EISDIR':
        return 'is a directory';
      case 'ELOOP':
        return 'too many levels of symbolic links';
      default:
        return error.message;
    }
  }
  throw error;
}
