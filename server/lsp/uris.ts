import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file system path of a `file:` URI, or undefined for other schemes (untitled buffers). */
export function fsPathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

export function uriOf(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

/** The workspace folder (by path) that holds a file: the longest matching prefix. */
export function workspaceFolderOf(file: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const rel = path.relative(folder, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (!best || folder.length > best.length) best = folder;
  }
  return best;
}
