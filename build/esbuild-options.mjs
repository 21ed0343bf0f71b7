// The esbuild options every bundle shares: the extension's three entry points and the benchmarks' engine bundle.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const commonOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  alias: {
    // web-tree-sitter's ESM entry reads import.meta.url, which CJS output leaves empty: use its CJS build.
    'web-tree-sitter': require.resolve('web-tree-sitter'),
    // yaml's Node build reads process.env.LOG_TOKENS for every token it parses (a call into C++ each time) and
    // reaches its exports through CJS interop getters: its ESM build, the same code without either, lints
    // YAML about 15% faster.
    yaml: join(dirname(require.resolve('yaml/package.json')), 'browser/dist/index.js'),
  },
  define: { 'import.meta.url': 'importMeta.url' },
  supported: { 'dynamic-import': false },
  plugins: [rubyParserApart()],
  inject: [join(dirname(fileURLToPath(import.meta.url)), 'import-meta-url.js')],
};

/** The bundle @ruby/prism is built into, beside the others (see rubyParserApart). */
export const RUBY_PARSER_BUNDLE = 'prism.js';

/** The Ruby parser bundle's entry: @ruby/prism's exports and its parse function, by absolute paths (so not externalised). */
export const RUBY_PARSER_ENTRY = {
  contents: [
    `export * from ${JSON.stringify(require.resolve('@ruby/prism'))};`,
    `export { parsePrism } from ${JSON.stringify(require.resolve('@ruby/prism/src/parsePrism.js'))};`,
  ].join('\n'),
  resolveDir: dirname(fileURLToPath(import.meta.url)),
  loader: 'js',
};

/**
 * @ruby/prism is 440 KB of JavaScript (a third of the CLI bundle) that only Chef recipes need; it is imported
 * dynamically, but esbuild's CJS output inlines it, so every start compiled it. It goes in a bundle of its own,
 * required from beside the importing bundle when a recipe is first linted. It exports prism's parse function
 * too (see RUBY_PARSER_ENTRY), which the engine calls with WASM instances of its own.
 */
function rubyParserApart() {
  return {
    name: 'ruby-parser-apart',
    setup(build) {
      build.onResolve({ filter: /^@ruby\/prism(?:\/src\/parsePrism\.js)?$/ }, () => ({ path: `./${RUBY_PARSER_BUNDLE}`, external: true }));
    },
  };
}
