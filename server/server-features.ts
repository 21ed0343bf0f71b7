// Everything of the language server but answering `initialize`: a bundle of its own (dist/server-features.js),
// which the server bundle (server/server.ts) loads once that answer is out, handing it its own
// vscode-languageserver (the build leaves that package out of this bundle).
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { adoptCompiledWasm, type CompiledWasm } from '../rules/tree-sitter/wasm-modules';
import { attachLanguageServer, type AttachedServer } from './lsp/language-server';
import { registryResolver } from './lsp/registry-resolver';

/** `parsers`: WASM modules the server bundle started compiling, which the engine uses rather than compile again. */
export function attach(connection: Connection, params: InitializeParams, parsers: CompiledWasm): AttachedServer {
  adoptCompiledWasm(parsers);
  return attachLanguageServer(connection, { resolver: registryResolver() }, params);
}
