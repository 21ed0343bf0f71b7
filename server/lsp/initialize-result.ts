import { CodeActionKind, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver';
import { FIX_ALL_KIND, PIN_ALL_KIND, PIN_CHECKSUM_COMMAND } from '../protocol';

/**
 * The answer to `initialize`. It needs nothing of the engine, so that the bundled server answers before it
 * loads the rest (server/server.ts); the parsers load when a document or an audit first needs them.
 */
export function initializeResult(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, PIN_ALL_KIND], resolveProvider: true },
      hoverProvider: true,
      executeCommandProvider: { commands: [PIN_CHECKSUM_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'driftless' },
  };
}
