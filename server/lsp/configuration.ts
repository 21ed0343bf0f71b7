import { DiagnosticSeverity, MessageType, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { ConfigError } from '../../rules/config';
import { ConfigResolver } from '../workspace';
import { SOURCE } from './diagnostics';
import { Linter } from './linting';
import type { Session } from './session';
import { uriOf } from './uris';

/**
 * The `.driftless.yaml` files of the workspace, through the resolver the CLI uses too, and the linter that applies
 * them with the editor settings. A broken config file gets a diagnostic at its line and one message; its last good
 * settings stay in force.
 */
export class WorkspaceConfiguration {
  readonly resolver: ConfigResolver;
  readonly linter: Linter;
  /** The message last shown for each broken config file. */
  private readonly reported = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly session: Session,
  ) {
    this.resolver = new ConfigResolver(() => session.folders, (file, error) => this.report(file, error));
    this.linter = new Linter(this.resolver, () => session.settings, () => session.folders, (message) => connection.console.error(message));
  }

  /** Reads (again) the config of each workspace folder, so that a broken one is reported before any file is linted. */
  loadFolders(): void {
    this.resolver.forgetLookups();
    for (const folder of this.session.folders) this.resolver.forFolder(folder);
  }

  private report(file: string, error: ConfigError | undefined): void {
    const uri = uriOf(file);
    if (!error) {
      if (this.reported.delete(file)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const diagnostic: Diagnostic = {
      range: { start: { line: error.line - 1, character: 0 }, end: { line: error.line - 1, character: Number.MAX_SAFE_INTEGER } },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'config',
      message: `${error.detail}. Driftless keeps using the last valid settings until this is fixed.`,
    };
    void this.connection.sendDiagnostics({ uri, diagnostics: [diagnostic] });
    if (this.reported.get(file) !== error.message) {
      this.reported.set(file, error.message);
      this.session.showMessage(MessageType.Error, `Driftless: ${error.message}. Using the last valid settings until it is fixed.`);
    }
  }
}
