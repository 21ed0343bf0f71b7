import { existsSync } from 'node:fs';
import type { FileProbe } from '../../rules/types';
import { readSourceFileSync } from './source-file';

/** The engine's window on the disk: whether a file exists, and the text of small nearby files (regular files only, capped). */
export const diskProbe: FileProbe = {
  exists: (absolutePath) => existsSync(absolutePath),
  read(absolutePath) {
    const result = readSourceFileSync(absolutePath);
    return result.status === 'text' ? result.text : undefined;
  },
};
