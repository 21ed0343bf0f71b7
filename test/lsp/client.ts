import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  RegistrationRequest,
  type Registration,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type FileEvent,
  type ProtocolConnection,
  type Range,
  type ShowMessageParams,
  type ShowMessageRequestParams,
  type MessageActionItem,
  type ApplyWorkspaceEditParams,
  type TextDocumentContentChangeEvent,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from '../../server/lsp/language-server';
import type { DigestResolver } from '../../server/lsp/pinning';
import { REPO_ROOT } from '../support/requirements';

export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');

export interface ProgressNotice {
  token: string | number;
  value: { kind: string; percentage?: number; message?: string; cancellable?: boolean };
}

export interface Published {
  version?: number;
  diagnostics: Diagnostic[];
}

export interface ClientOptions {
  /** Workspace folder (absolute path). */
  root?: string;
  /** The `driftless` settings section the client answers `workspace/configuration` with. */
  settings?: Record<string, unknown>;
  /** `files.exclude` as VS Code would send it. */
  filesExclude?: Record<string, boolean>;
  initializationOptions?: Record<string, unknown>;
  /** Drop codeAction resolveSupport (a client that wants edits up front). */
  noResolve?: boolean;
  /** Let the server register its file watcher (`client/registerCapability`), as VS Code does. */
  watchesFiles?: boolean;
  /** Node options for the spawned server (`--stack-size=…`). */
  nodeArgs?: string[];
  /** Workspace edits may create files (`resourceOperations: ['create']`), as VS Code's may. */
  createsFiles?: boolean;
}

type Waiter = { uri: string; accept: (p: Published) => boolean; resolve: (p: Published) => void };

const CAPABILITIES = (noResolve: boolean, watchesFiles: boolean, createsFiles: boolean): ClientCapabilities => ({
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, ...(createsFiles ? { resourceOperations: ['create'] } : {}) },
    didChangeWatchedFiles: { dynamicRegistration: watchesFiles },
  },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      dataSupport: true,
      isPreferredSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      ...(noResolve ? {} : { resolveSupport: { properties: ['edit'] } }),
    },
    hover: { contentFormat: ['markdown'] },
  },
});

/** A minimal LSP client over a real JSON-RPC connection: what an editor does, recorded for assertions. */
export class TestClient {
  readonly published = new Map<string, Published>();
  readonly messages: ShowMessageParams[] = [];
  readonly progress: ProgressNotice[] = [];
  /** Every `window/showMessageRequest` the server sent. */
  readonly questions: ShowMessageRequestParams[] = [];
  /** How the user answers a `window/showMessageRequest`: the title of the action to pick, or undefined to dismiss it. */
  answer: (question: ShowMessageRequestParams) => string | undefined = () => undefined;
  /** Every `workspace/applyEdit` the server sent, in order. */
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  /** What the server registered with `client/registerCapability`. */
  private readonly registrations: Registration[] = [];
  private readonly registrationWaiters: { method: string; resolve: (r: Registration) => void }[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly messageWaiters: { accept: (m: ShowMessageParams) => boolean; resolve: (m: ShowMessageParams) => void }[] = [];
  private readonly texts = new Map<string, TextDocument>();
  settings: Record<string, unknown>;

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly options: ClientOptions,
    private readonly child?: ChildProcess,
  ) {
    this.settings = options.settings ?? {};
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const published = { version: p.version, diagnostics: p.diagnostics };
      this.published.set(p.uri, published);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.accept(published)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(published);
        }
      }
    });
    connection.onNotification('window/showMessage', (p: ShowMessageParams) => {
      this.messages.push(p);
      for (const w of [...this.messageWaiters]) {
        if (w.accept(p)) {
          this.messageWaiters.splice(this.messageWaiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    connection.onNotification('$/progress', (p: ProgressNotice) => {
      this.progress.push(p);
    });
    connection.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((item) => (item.section === 'driftless' ? this.settings : item.section === 'files.exclude' ? (options.filesExclude ?? {}) : null)),
    );
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showMessageRequest', (p: ShowMessageRequestParams): MessageActionItem | null => {
      this.questions.push(p);
      const title = this.answer(p);
      return p.actions?.find((a) => a.title === title) ?? null;
    });
    connection.onRequest('workspace/applyEdit', async (p: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(p);
      try {
        await this.apply(p.edit);
        return { applied: true };
      } catch (error) {
        return { applied: false, failureReason: (error as Error).message };
      }
    });
    connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      for (const w of [...this.registrationWaiters]) {
        const found = p.registrations.find((r) => r.method === w.method);
        if (!found) continue;
        this.registrationWaiters.splice(this.registrationWaiters.indexOf(w), 1);
        w.resolve(found);
      }
    });
    connection.listen();
  }

  /** Spawns the bundled server (`dist/server.js --stdio`). */
  static async spawn(options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(connection, options, child);
    await client.initialize();
    return client;
  }

  /** The server in this process, with an injected digest resolver. */
  static async inProcess(resolver: DigestResolver, options: ClientOptions = {}): Promise<TestClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startLanguageServer(serverConnection, { resolver });
    serverConnection.listen();
    const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const client = new TestClient(connection, options);
    await client.initialize();
    return client;
  }

  private async initialize(): Promise<void> {
    const root = this.options.root;
    await this.connection.sendRequest(InitializeRequest.type, {
      // In process, no parent to watch: the server library would poll this pid forever and keep the test alive.
      processId: this.child ? process.pid : null,
      rootUri: root ? pathToFileURL(root).href : null,
      workspaceFolders: root ? [{ uri: pathToFileURL(root).href, name: 'root' }] : null,
      capabilities: CAPABILITIES(this.options.noResolve === true, this.options.watchesFiles === true, this.options.createsFiles === true),
      initializationOptions: { debounceMs: 20, ...this.options.initializationOptions },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves with the server's registration of `method` (at once if it was made already). */
  registration(method: string): Promise<Registration> {
    const made = this.registrations.find((r) => r.method === method);
    if (made) return Promise.resolve(made);
    return new Promise((resolve) => this.registrationWaiters.push({ method, resolve }));
  }

  /** Resolves with the next publication for `uri` that `accept` takes (the latest one if it already does). */
  nextDiagnostics(uri: string, accept: (p: Published) => boolean = () => true): Promise<Published> {
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  /** The first message (already shown or still to come) that `accept` takes. */
  message(accept: (m: ShowMessageParams) => boolean): Promise<ShowMessageParams> {
    const shown = this.messages.find(accept);
    if (shown) return Promise.resolve(shown);
    return new Promise((resolve) => this.messageWaiters.push({ accept, resolve }));
  }

  async open(path: string, text: string, languageId = 'plaintext'): Promise<Published> {
    const uri = pathToFileURL(path).href;
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    const next = this.nextDiagnostics(uri, (p) => p.version === 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return next;
  }

  text(uri: string): string {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`not open: ${uri}`);
    return doc.getText();
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`not open: ${uri}`);
    const version = doc.version + 1;
    this.texts.set(uri, TextDocument.update(doc, changes, version));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  /** Presses Cancel on a progress notification the server created. */
  async cancelProgress(token: string | number): Promise<void> {
    await this.connection.sendNotification('window/workDoneProgress/cancel', { token });
  }

  resolve(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest('codeAction/resolve', action);
  }

  /** Applies a workspace edit to the open document as an editor would, as a full-text change. */
  async apply(edit: WorkspaceEdit): Promise<void> {
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error('unexpected resource operation');
      const doc = this.texts.get(change.textDocument.uri);
      if (!doc) throw new Error(`edit for a document that is not open: ${change.textDocument.uri}`);
      if (change.textDocument.version !== null && change.textDocument.version !== doc.version) throw new Error('edit for a stale version');
      const text = TextDocument.applyEdits(doc, change.edits.filter((e): e is { range: Range; newText: string } => 'range' in e));
      await this.change(doc.uri, [{ text }]);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      const doc = this.texts.get(uri);
      if (!doc) throw new Error(`edit for a document that is not open: ${uri}`);
      await this.change(uri, [{ text: TextDocument.applyEdits(doc, edits) }]);
    }
  }

  /** The server process id when spawned. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { driftless: settings } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async dispose(): Promise<void> {
    if (this.child) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
      await new Promise<void>((resolve) => (this.child?.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    }
    this.connection.dispose();
  }
}

/** For servers that must look up no image digest. */
export const noDigests: DigestResolver = async () => {
  throw new Error('no image is looked up here');
};
