// Node built-ins that a bundled library requires at its start and uses only on some paths, required on first use.

/**
 * The language server's library (vscode-jsonrpc, vscode-languageserver) requires node:crypto (a random pipe name, a
 * progress token) and node:child_process (resolving a global npm module) as it loads: 5.7 ms of every server
 * start before it can answer `initialize` (best of 15, in-process), for paths most sessions never take. Each of
 * its `require(name)` of these gets an object that requires the built-in when a property is first read; the
 * library only reads properties of them (`(0, crypto_1.randomUUID)()`), never spreads or enumerates them.
 */
export function lazyBuiltins(names, importers) {
  const filter = new RegExp(`^(?:node:)?(?:${names.join('|')})$`);
  return {
    name: 'lazy-builtins',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        args.namespace === 'file' && importers.test(args.importer) ? { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        contents: `let loaded;\nmodule.exports = new Proxy({}, { get: (_, key) => (loaded ??= require(${JSON.stringify(`node:${args.path}`)}))[key] });\n`,
        loader: 'js',
      }));
    },
  };
}
