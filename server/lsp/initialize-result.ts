import type { CodeActionKind, InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver';
import { FIX_ALL_KIND, PIN_ALL_KIND, PIN_CHECKSUM_COMMAND } from '../protocol';

/**
 * The answer to `initialize`. It needs nothing of the engine, so that the bundled server answers before it
 * loads the rest (server/server.ts); the parsers load when a document or an audit first needs them.
 */
export function initializeResult(): InitializeResult {
  // The protocol's values, checked against its types: importing them would copy the library's exports at start.
  const incremental: typeof TextDocumentSyncKind.Incremental = 2;
  const quickFix: typeof CodeActionKind.QuickFix = 'quickfix';
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: incremental },
      codeActionProvider: { codeActionKinds: [quickFix, FIX_ALL_KIND, PIN_ALL_KIND], resolveProvider: true },
      hoverProvider: true,
      executeCommandProvider: { commands: [PIN_CHECKSUM_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'driftless' },
  };
}
