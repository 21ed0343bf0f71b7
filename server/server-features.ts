// Everything of the language server but answering `initialize`: a bundle of its own (dist/server-features.js),
// which the server bundle (server/server.ts) loads once that answer is out, handing it its own
// vscode-languageserver (the build leaves that package out of this bundle).
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { attachLanguageServer, type AttachedServer } from './lsp/language-server';
import { registryResolver } from './lsp/registry-resolver';

export function attach(connection: Connection, params: InitializeParams): AttachedServer {
  return attachLanguageServer(connection, { resolver: registryResolver() }, params);
}
