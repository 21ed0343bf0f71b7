import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Finds a WASM file: next to the bundle (dist/, where the build copies them) or in its npm package.
 * `packageFile` is the file's path inside node_modules, e.g. `tree-sitter-bash/tree-sitter-bash.wasm`.
 */
export function locateWasm(packageFile: string): string {
  const besideBundle = join(__dirname, basename(packageFile));
  if (existsSync(besideBundle)) return besideBundle;
  return require.resolve(packageFile);
}
