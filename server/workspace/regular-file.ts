import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { MAX_FILE_BYTES } from './limits';

export type RegularFileRead =
  | { status: 'bytes'; bytes: Buffer }
  /** More than the cap: nothing past it was read. */
  | { status: 'too-large'; size: number }
  /** Not a regular file (a FIFO, a device, a folder), or the file system refused (permissions, gone). */
  | { status: 'unreadable'; reason: string };

/**
 * Opening never waits: a FIFO without a writer would block a plain open forever. The flag means nothing to a
 * regular file, and anything else is refused after `fstat` on the same descriptor, so a path swapped in between
 * cannot slip through.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/**
 * The one way Driftless reads a file from the workspace (a file to lint, `.gitignore`, `.driftless.yaml`, a
 * chart's `Chart.yaml`, Kustomize patches): only a regular file, and at most `maxBytes` of it. A symbolic link is
 * followed to what it names, which must be a regular file too (a link to `/dev/zero` is refused, not read).
 */
export function readRegularFileSync(path: string, maxBytes = MAX_FILE_BYTES): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return { status: 'unreadable', reason: describeFsError(error) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { status: 'unreadable', reason: 'not a regular file' };
    if (stats.size > maxBytes) return { status: 'too-large', size: stats.size };
    return readCapped(stats.size, maxBytes, (buffer, offset) => readSync(fd, buffer, offset, buffer.length - offset, offset));
  } catch (error) {
    return { status: 'unreadable', reason: describeFsError(error) };
  } finally {
    closeSync(fd);
  }
}

/** readRegularFileSync for callers that must not hold the event loop (the language server's reads from disk). */
export async function readRegularFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<RegularFileRead> {
  // Imported here: node:fs/promises loads readline, watchers and streams, and the CLI reads synchronously.
  const { open } = await import('node:fs/promises');
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return { status: 'unreadable', reason: describeFsError(error) };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { status: 'unreadable', reason: 'not a regular file' };
    if (stats.size > maxBytes) return { status: 'too-large', size: stats.size };
    let buffer: Buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) return { status: 'bytes', bytes: buffer.subarray(0, length) };
      length += bytesRead;
      if (length > maxBytes) return { status: 'too-large', size: length };
      if (length === buffer.length) buffer = grown(buffer, maxBytes);
    }
  } catch (error) {
    return { status: 'unreadable', reason: describeFsError(error) };
  } finally {
    await handle.close();
  }
}

/**
 * Reads until the end or one byte past the cap. The buffer starts one byte larger than the size `fstat` gave,
 * so a file that grows while it is read (or reports no size, as files in /proc do) is noticed and read on.
 */
function readCapped(size: number, maxBytes: number, read: (buffer: Buffer, offset: number) => number): RegularFileRead {
  let buffer: Buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    const bytesRead = read(buffer, length);
    if (bytesRead === 0) return { status: 'bytes', bytes: buffer.subarray(0, length) };
    length += bytesRead;
    if (length > maxBytes) return { status: 'too-large', size: length };
    if (length === buffer.length) buffer = grown(buffer, maxBytes);
  }
}

function grown(buffer: Buffer, maxBytes: number): Buffer {
  const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
  buffer.copy(larger);
  return larger;
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
      case 'ENXIO':
        return 'not a regular file';
      default:
        return error.message;
    }
  }
  throw error;
}
