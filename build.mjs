// Bundles the three entry points with esbuild and copies the parsers' WASM files next to them.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { commonOptions, RUBY_PARSER_BUNDLE, RUBY_PARSER_ENTRY } from './build/esbuild-options.mjs';

const require = createRequire(import.meta.url);
const out = 'dist';
mkdirSync(out, { recursive: true });

const wasmFiles = [
  'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-bash/tree-sitter-bash.wasm',
  '@ruby/prism/src/prism.wasm',
  '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  'tree-sitter-puppet/tree-sitter-puppet.wasm',
];
for (const file of wasmFiles) copyFileSync(require.resolve(file), join(out, basename(file)));

const entries = [
  { in: 'server/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { stdin: RUBY_PARSER_ENTRY, out: basename(RUBY_PARSER_BUNDLE, '.js') },
  { in: 'server/server.ts', out: 'server' },
  { in: 'client/extension.ts', out: 'client', external: ['vscode'] },
];

await Promise.all(
  entries.map((e) =>
    build({
      ...commonOptions,
      ...(e.stdin ? { stdin: e.stdin } : { entryPoints: [e.in] }),
      outfile: join(out, `${e.out}.js`),
      external: e.external ?? [],
      banner: e.banner ? { js: e.banner } : undefined,
    }),
  ),
);
