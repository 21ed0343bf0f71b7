import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Finds a WASM file: next to the bundle (dist/, where the build copies them) or in its npm package.
 * `packageFile` is the file's path inside node_modules, e.g. `tree-sitter-bash/tree-sitter-bash.wasm`.
 */
export function locateWasm(packageFile: string): string {
  const besideBundle = path.join(__dirname, path.basename(packageFile));
  if (fs.existsSync(besideBundle)) return besideBundle;
  return require.resolve(packageFile);
}
