import { build } from 'esbuild';
import { join } from 'node:path';

export const SUITE_OUT = join(__dirname, 'out', 'suite.js');

/** Bundles the mocha suite for the extension host (CommonJS; vscode and mocha resolved at run time). */
export async function buildSuite(): Promise<string> {
  await build({
    entryPoints: [join(__dirname, 'suite', 'index.ts')],
    outfile: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return SUITE_OUT;
}
