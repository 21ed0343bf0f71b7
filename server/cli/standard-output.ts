import { fstatSync, writeSync } from 'node:fs';
import type * as Tty from 'node:tty';
import { isFileSystemError } from '../user-cache-dir';

/** The CLI's stdout or stderr. */
export interface StandardOutput {
  /** Whether it is a terminal (colour, the progress line). */
  readonly isTerminal: boolean;
  write(text: string): void;
}

/**
 * A standard output written without creating its Node stream where it can be: for a pipe that stream is a
 * net.Socket, and loading node:net for it cost every run 4-6 ms. A pipe or a file is written with writeSync, as
 * Node's own stream writes them on Linux. A terminal, and whatever writeSync cannot finish (EAGAIN: a descriptor a
 * parent made non-blocking; EPIPE: the reader is gone), go through the Node stream (`stream()`, asked once) from
 * then on, which handles them as it always did.
 */
export function standardOutput(fd: 1 | 2, stream: () => NodeJS.WriteStream): StandardOutput {
  const isTerminal = isTerminalDescriptor(fd);
  let opened = isTerminal ? stream() : undefined;
  return {
    isTerminal,
    write(text) {
      if (opened) {
        opened.write(text);
        return;
      }
      let rest = Buffer.from(text);
      try {
        while (rest.length > 0) rest = rest.subarray(writeSync(fd, rest));
      } catch (error) {
        if (!isFileSystemError(error)) throw error;
        opened = stream();
        opened.write(rest);
      }
    },
  };
}

/** Only a character device can be a terminal: node:tty (which loads node:net) is asked only about one. */
function isTerminalDescriptor(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice() && (require('node:tty') as typeof Tty).isatty(fd);
  } catch (error) {
    // A closed descriptor is no terminal; writing to it goes through the Node stream, as before.
    if (isFileSystemError(error)) return false;
    throw error;
  }
}
