import { MessageType, ShowMessageNotification, type Connection, type InitializeParams, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import { RULE_IDS } from '../../rules/catalogue';
import type { InitializationOptions } from '../protocol';
import { pinningBlocked } from './pinning';
import { DEFAULT_DEBOUNCE_MS, defaultSettings, readSettings, type ServerSettings } from './settings';
import { fsPathOf } from './uris';

/** What the server knows of its client and workspace: capabilities, folders, trust and the `driftless` settings. */
export class Session {
  settings: ServerSettings = defaultSettings();
  folders: string[] = [];
  debounceMs = DEFAULT_DEBOUNCE_MS;
  workspaceTrusted = true;
  /** The client answers `workspace/configuration`; otherwise settings come pushed with `didChangeConfiguration`. */
  pullsConfiguration = false;
  /** The client resolves code actions' edits lazily (`codeAction/resolve`). */
  resolvesEdits = false;
  /** The client takes versioned `documentChanges`. */
  versionedEdits = false;
  /** The client creates files from a workspace edit. */
  createsFiles = false;
  /** The client lets the server register its file watcher. */
  registersWatchers = false;

  constructor(private readonly connection: Connection) {}

  initialize(params: InitializeParams): void {
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) this.debounceMs = init.debounceMs;
    if (typeof init.workspaceTrusted === 'boolean') this.workspaceTrusted = init.workspaceTrusted;
    const caps = params.capabilities;
    this.pullsConfiguration = caps.workspace?.configuration === true;
    this.resolvesEdits = caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    this.versionedEdits = caps.workspace?.workspaceEdit?.documentChanges === true;
    this.createsFiles = caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true;
    this.registersWatchers = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const rootFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = rootFolders.map(fsPathOf).filter((f): f is string => f !== undefined);
  }

  changeFolders(event: WorkspaceFoldersChangeEvent): void {
    this.folders = this.folders.filter((f) => !event.removed.some((r) => fsPathOf(r.uri) === f));
    for (const added of event.added) {
      const folder = fsPathOf(added.uri);
      if (folder) this.folders.push(folder);
    }
  }

  /** Reads the settings (pulled, or as pushed), naming what was ignored. */
  async loadSettings(pushed?: unknown): Promise<void> {
    const raw = this.pullsConfiguration ? await this.connection.workspace.getConfiguration('driftless') : pushed;
    const { settings, problems } = readSettings(raw, RULE_IDS);
    this.settings = settings;
    for (const problem of problems) this.showMessage(MessageType.Warning, `Driftless: ${problem} (ignored).`);
  }

  /** Why digest lookups are not allowed now, or undefined. */
  pinningBlocked(): string | undefined {
    return pinningBlocked(this.workspaceTrusted, this.settings.allowPinningInUntrustedWorkspace);
  }

  /** A notification, not a request: nothing waits on the user, and clients without message requests still show it. */
  showMessage(type: MessageType, message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
  }
}
