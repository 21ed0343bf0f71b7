import { existsSync, readFileSync } from 'node:fs';
import type { FileProbe } from '../../rules/types';
import { decodeSource } from './source-file';

/** The engine's window on the disk: whether a file exists, and the text of small nearby files. */
export const diskProbe: FileProbe = {
  exists: (absolutePath) => existsSync(absolutePath),
  read(absolutePath) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(absolutePath);
    } catch (error) {
      if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EACCES' || error.code === 'EISDIR')) {
        return undefined;
      }
      throw error;
    }
    const result = decodeSource(bytes);
    return result.status === 'text' ? result.text : undefined;
  },
};
