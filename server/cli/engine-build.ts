import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { lazyCrypto } from '../lazy-crypto';

/**
 * What tells this build of the engine from another, for `--cache`: the SHA-256 of the CLI bundle (which holds the
 * engine, the rules and the version), the names and sizes of the parsers beside it (the WASM grammars and the Ruby
 * parser's bundle, which the build copies there), and Node's version. The bundle's digest comes from the build
 * when the launcher knows it (`digest`); hashing the bundle here costs 3-6 ms, and hashing the grammars too would
 * triple that on every cached run.
 */
export function engineBuild(bundle: string, digest?: string): string {
  const dir = dirname(bundle);
  const parsers = readdirSync(dir)
    .filter((name) => name.endsWith('.wasm') || name === 'prism.js')
    .sort()
    .map((name) => `${name}:${statSync(join(dir, name)).size}`);
  return [basename(bundle), digest ?? lazyCrypto().hash('sha256', readFileSync(bundle), 'hex'), ...parsers, process.version].join(' ');
}
