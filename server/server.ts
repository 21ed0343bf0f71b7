// The language server entry: `node dist/server.js --stdio` (any editor) or `--node-ipc` (VS Code).
// It answers `initialize` with only vscode-languageserver loaded, then loads the rest (server/server-features.ts,
// dist/server-features.js: the engine, the registry and git clients) when the client sends `initialized`, which
// the protocol has it send before anything else.
import { join } from 'node:path';
import type * as Lsp from 'vscode-languageserver/node';
import { runWithCodeCache } from './launch/code-cache';
import { initializeResult } from './lsp/initialize-result';
import type { AttachedServer } from './lsp/language-server';

/** The SHA-256 of dist/server-features.js, set by build.mjs. */
declare const BUNDLE_DIGEST: string;

// Required, not imported: esbuild's import of a CommonJS module copies its 320 exports onto another object first.
const lsp = require('vscode-languageserver/node') as typeof Lsp;

/** Long enough after loading for its code cache to hold what a first lint compiled. */
const SAVE_AFTER_MS = 1500;

const connection = lsp.createConnection(lsp.ProposedFeatures.all);
let initializeParams: Lsp.InitializeParams | undefined;
let server: AttachedServer | undefined;
connection.onInitialize((params) => {
  initializeParams = params;
  return initializeResult();
});
connection.onInitialized(() => {
  if (!initializeParams) return;
  server ??= loadFeatures().attach(connection, initializeParams);
  return server.initialized();
});
connection.listen();

function loadFeatures(): typeof import('./server-features') {
  return runWithCodeCache({
    bundle: join(__dirname, 'server-features.js'),
    digest: BUNDLE_DIGEST,
    saveAfterMs: SAVE_AFTER_MS,
    env: process.env,
    modules: { 'vscode-languageserver': lsp },
  }) as typeof import('./server-features');
}
