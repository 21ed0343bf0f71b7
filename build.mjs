// Bundles the three entry points with esbuild and copies the parsers' WASM files next to them.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { commonOptions, RUBY_PARSER_BUNDLE, RUBY_PARSER_ENTRY } from './build/esbuild-options.mjs';
import { assertAscii, LAUNCHED_BANNER, LAUNCHED_FOOTER } from './build/launched-bundle.mjs';
import { lazyBuiltins } from './build/lazy-builtins.mjs';

const require = createRequire(import.meta.url);
const out = 'dist';
mkdirSync(out, { recursive: true });

const wasmFiles = [
  'web-tree-sitter/web-tree-sitter.wasm',
  '@ruby/prism/src/prism.wasm',
  '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  'tree-sitter-puppet/tree-sitter-puppet.wasm',
];
for (const file of wasmFiles) copyFileSync(require.resolve(file), join(out, basename(file)));

// The CLI's and the language server's bundles are read and decoded on every start: without comments and
// indentation they are 30% smaller and ASCII (a comment's `…` made V8 hold all of it as two-byte text). Names
// stay, and lines stay short for stack traces. The launchers compile them as they stand (build/launched-bundle.mjs).
const COMPACT = { minifyWhitespace: true, lineLimit: 120, banner: LAUNCHED_BANNER, footer: LAUNCHED_FOOTER };
const entries = [
  { in: 'server/cli.ts', out: 'cli-main', ...COMPACT },
  { stdin: RUBY_PARSER_ENTRY, out: basename(RUBY_PARSER_BUNDLE, '.js') },
  // The language server past `initialize`, loaded by server-main with its own vscode-languageserver (server/server.ts).
  { in: 'server/server-features.ts', out: 'server-features', external: ['vscode-languageserver'], ...COMPACT },
  { in: 'client/extension.ts', out: 'client', external: ['vscode'] },
];
// dist/cli.js and dist/server.js are small launchers that run the main bundles with V8's code cache
// (server/launch/code-cache.ts), keyed to the main bundle's digest; server-main so runs server-features. Each
// stage is built once the bundles it runs are.
const launchStages = [
  [
    {
      in: 'server/server.ts',
      out: 'server-main',
      bundle: 'server-features',
      plugins: [lazyBuiltins(['crypto', 'child_process'], /[\\/]node_modules[\\/]vscode-(?:jsonrpc|languageserver)[\\/]/)],
      ...COMPACT,
    },
  ],
  [
    { in: 'server/launch/cli.ts', out: 'cli', bundle: 'cli-main', banner: '#!/usr/bin/env node' },
    { in: 'server/launch/server.ts', out: 'server', bundle: 'server-main' },
  ],
];

const bundle = (e, define = {}) =>
  build({
    ...commonOptions,
    ...(e.stdin ? { stdin: e.stdin } : { entryPoints: [e.in] }),
    outfile: join(out, `${e.out}.js`),
    external: e.external ?? [],
    banner: e.banner ? { js: e.banner } : undefined,
    footer: e.footer ? { js: e.footer } : undefined,
    define: { ...commonOptions.define, ...define },
    inject: e.bundle ? [] : commonOptions.inject,
    minifyWhitespace: e.minifyWhitespace,
    lineLimit: e.lineLimit,
    plugins: [...commonOptions.plugins, ...(e.plugins ?? [])],
  });

await Promise.all(entries.map((e) => bundle(e)));
for (const launchers of launchStages) {
  await Promise.all(
    launchers.map((e) => {
      const launched = join(out, `${e.bundle}.js`);
      const bytes = readFileSync(launched);
      assertAscii(launched, bytes);
      const digest = createHash('sha256').update(bytes).digest('hex');
      return bundle(e, { BUNDLE_DIGEST: JSON.stringify(digest) });
    }),
  );
}
