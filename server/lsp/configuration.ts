import { DiagnosticSeverity, MessageType, type Connection, type Diagnostic } from 'vscode-languageserver';
import { RULE_IDS } from '../../rules/catalogue';
import { ConfigError, parseConfig } from '../../rules/config';
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
    void this.connection.sendDiagnostics({ uri, diagnostics: [configErrorDiagnostic(error)] });
    if (this.reported.get(file) !== error.message) {
      this.reported.set(file, error.message);
      this.session.showMessage(MessageType.Error, `Driftless: ${error.message}. Using the last valid settings until it is fixed.`);
    }
  }
}

/** A broken config file's diagnostic, at the line its error names. */
export function configErrorDiagnostic(error: ConfigError): Diagnostic {
  return {
    range: { start: { line: error.line - 1, character: 0 }, end: { line: error.line - 1, character: Number.MAX_SAFE_INTEGER } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'config',
    message: `${error.detail}. Driftless keeps using the last valid settings until this is fixed.`,
  };
}

/** The diagnostics of a `.driftless.yaml`'s text as it is in the editor, saved or not: none, or its error. */
export function configTextDiagnostics(file: string, text: string): Diagnostic[] {
  try {
    parseConfig(text, file, RULE_IDS);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [configErrorDiagnostic(error)];
    throw error;
  }
}
