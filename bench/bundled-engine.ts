// In-process figures come from the engine as it ships: bundled by esbuild with the options of dist/cli.js and
// dist/server.js (build/esbuild-options.mjs), not from the TypeScript sources through tsx, which resolve
// dependencies differently (yaml's Node build, for one).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commonOptions } from '../build/esbuild-options.mjs';

export type Engine = typeof import('./engine-entry');

export async function bundledEngine(): Promise<Engine> {
  const dist = join(__dirname, '..', 'dist');
  // Beside the shipped bundles, where the parsers' WASM files are looked for.
  if (!existsSync(join(dist, 'prism.wasm'))) throw new Error('dist/ holds no build: run `npm run build` first');
  const outfile = join(dist, 'bench-engine.js');
  await build({ ...commonOptions, entryPoints: [join(__dirname, 'engine-entry.ts')], outfile });
  return require(outfile) as Engine;
}
