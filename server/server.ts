// The language server entry: `node dist/server.js --stdio` (any editor) or `--node-ipc` (VS Code).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/language-server';
import { registryResolver } from './lsp/registry-resolver';

const connection = createConnection(ProposedFeatures.all);
startLanguageServer(connection, { resolver: registryResolver() });
connection.listen();
