import { isUtf8 } from 'node:buffer';
import { MAX_FILE_BYTES } from './limits';
import { readRegularFile, readRegularFileSync, type RegularFileRead } from './regular-file';

export { describeFsError } from './regular-file';

export type ReadResult =
  | { status: 'text'; text: string }
  /** Not linted, for a reason the user is told (binary, too large, not UTF-8). */
  | { status: 'skipped'; reason: string }
  /** The file could not be read at all (permissions, vanished, a directory, a FIFO or device). */
  | { status: 'unreadable'; reason: string };

/** Reads a file as linted text, turning bad input into a reason instead of an exception. */
export async function readSourceFile(path: string): Promise<ReadResult> {
  return sourceOf(await readRegularFile(path));
}

/** readSourceFile for batch runs: on small files a synchronous read costs a fraction of the promise round trips. */
export function readSourceFileSync(path: string): ReadResult {
  return sourceOf(readRegularFileSync(path));
}

function sourceOf(read: RegularFileRead): ReadResult {
  switch (read.status) {
    case 'bytes':
      return decodeSource(read.bytes);
    case 'too-large':
      return tooLarge(read.size);
    case 'unreadable':
      return read;
  }
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
