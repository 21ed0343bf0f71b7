import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  MessageType,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type WorkDoneProgressParams,
} from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../../rules/config';
import { watchedFilesGlob } from '../../rules/file-kinds';
import {
  AUDIT_FINDINGS_REQUEST,
  AUDIT_REQUEST,
  EXPORT_REQUEST,
  PIN_CHECKSUM_COMMAND,
  TRUST_NOTIFICATION,
  type AuditFindingsParams,
  type AuditParams,
  type ExportParams,
  type TrustParams,
} from '../protocol';
import { AuditRequests } from './audit-request';
import { ChecksumPinCommand, isChecksumPinTarget } from './checksum-pin';
import { initializeResult } from './initialize-result';
import { CodeActions } from './code-actions';
import { turnOffRuleActions, type ConfigActionHost } from './config-actions';
import { WorkspaceConfiguration } from './configuration';
import { DocumentSync } from './document-sync';
import { CommitResolvers, githubSetting, type GitHubSetting } from '../pinning/github';
import { commitHover, imageHover, type CommitHoverHost } from './hover';
import { Pinner, type DigestResolver } from './pinning';
import { RepositoryTags } from './repository-tags';
import { Session } from './session';
import { fsPathOf, workspaceFolderOf } from './uris';

export interface LanguageServerOptions {
  resolver: DigestResolver;
  /** Git clients for commit pins; default ones over HTTPS with the environment's GITHUB_TOKEN. */
  commits?: CommitResolvers;
}

/** Wires the Driftless language server onto a connection; the caller calls `connection.listen()`. */
export function startLanguageServer(connection: Connection, options: LanguageServerOptions): void {
  let server: AttachedServer | undefined;
  connection.onInitialize((params) => {
    server = attachLanguageServer(connection, options, params);
    return initializeResult();
  });
  connection.onInitialized(() => server?.initialized());
}

/** A server attached to its connection, waiting for the client's `initialized`. */
export interface AttachedServer {
  /** What the server does on `initialized`: registers its file watcher, reads the settings, lints the open documents. */
  initialized(): Promise<void>;
}

/**
 * Registers every handler but `initialize`'s and `initialized`'s on a connection whose `initialize` has been
 * answered (with initializeResult()): the bundled server answers it before it loads this (server/server.ts).
 */
export function attachLanguageServer(connection: Connection, options: LanguageServerOptions, params: InitializeParams): AttachedServer {
  const session = new Session(connection);
  session.initialize(params);
  const configuration = new WorkspaceConfiguration(connection, session);
  const { linter } = configuration;
  const sync = new DocumentSync(connection, session, linter);
  const pinner = new Pinner(options.resolver);
  const commits = options.commits ?? new CommitResolvers();
  const githubFor = (uri: string): GitHubSetting => {
    // `github:` (where actions live, a token) is a network setting from the workspace: trusted workspaces only.
    const github = session.workspaceTrusted ? linter.configFor(fsPathOf(uri)).github : undefined;
    return githubSetting(github, process.env.GITHUB_TOKEN);
  };
  const commitHovers: CommitHoverHost = {
    pinner,
    tags: new RepositoryTags(),
    pinningBlocked: () => session.pinningBlocked(),
    git: (uri) => {
      const setting = githubFor(uri);
      return { client: commits.client(setting), ...(setting.url ? { githubUrl: setting.url } : {}) };
    },
  };
  const audits = new AuditRequests(connection, session, linter, sync);
  const codeActions = new CodeActions({
    document: (uri) => sync.current(uri),
    get resolvesEdits() {
      return session.resolvesEdits;
    },
    get versionedEdits() {
      return session.versionedEdits;
    },
    fixScope: () => ({ unsafe: session.settings.unsafeFixes }),
    pinningBlocked: () => session.pinningBlocked(),
    resolveOptions: (uri, platform) => {
      // Registries reached over plain HTTP are a network setting from the workspace: trusted workspaces only.
      const insecureRegistries = session.workspaceTrusted ? linter.configFor(fsPathOf(uri)).insecureRegistries : [];
      return { platform, insecureRegistries };
    },
    configuredPlatform: (uri) => linter.configFor(fsPathOf(uri)).platform,
    lookup: (reference, resolveOptions) => pinner.resolve(reference, resolveOptions),
    commitResolver: (uri) => pinner.remembering(commits.for(githubFor(uri))),
    showError: (message) => session.showMessage(MessageType.Error, message),
    lintText: (uri, text) => linter.lint(fsPathOf(uri), text, sync.documents.get(uri)?.languageId),
    turnOffActions: (uri, rule, diagnostic) => {
      const file = fsPathOf(uri);
      return file === undefined ? [] : turnOffRuleActions(file, rule, diagnostic, configActionHost);
    },
  });
  const configActionHost: ConfigActionHost = {
    configFor: (file) => configuration.resolver.forFile(file),
    workspaceFolder: (file) => workspaceFolderOf(file, session.folders),
    setInSettings: (rule) => session.settings.rules[rule] !== undefined,
    openDocument: (uri) => {
      const doc = sync.documents.get(uri);
      return doc && { text: doc.getText(), version: doc.version };
    },
    get createsFiles() {
      return session.createsFiles;
    },
    get versionedEdits() {
      return session.versionedEdits;
    },
  };

  const checksumPins = new ChecksumPinCommand(connection, {
    document: (uri) => sync.current(uri),
    pinningBlocked: () => session.pinningBlocked(),
    // A limit from the workspace's own config applies only where the workspace is trusted, as its registries do.
    downloadLimit: (uri) => (session.workspaceTrusted ? linter.configFor(fsPathOf(uri)).downloadLimit : undefined),
    get versionedEdits() {
      return session.versionedEdits;
    },
    showMessage: (type, message) => session.showMessage(type, message),
  });

  const initialized = async (): Promise<void> => {
    if (session.registersWatchers) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: watchedFilesGlob() }] });
    }
    await session.loadSettings();
    configuration.loadFolders();
    if (session.folders.length > 0) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        session.changeFolders(event);
        configuration.loadFolders();
        await sync.relintAll();
      });
    }
    await sync.relintAll();
  };

  connection.onDidChangeConfiguration(async (change) => {
    await session.loadSettings((change.settings as { driftless?: unknown } | null)?.driftless);
    await sync.relintAll();
  });

  connection.onNotification(TRUST_NOTIFICATION, (params: TrustParams) => {
    session.workspaceTrusted = params.trusted === true;
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    const onDisk = changes.flatMap((change) => {
      const file = fsPathOf(change.uri);
      return file === undefined ? [] : [{ change, isConfig: path.basename(file) === CONFIG_FILE_NAME, file }];
    });
    const configs = onDisk.filter((changed) => changed.isConfig);
    for (const { file } of configs) configuration.resolver.changed(file);
    await sync.filesChanged(onDisk.filter((changed) => !changed.isConfig).map(({ change }) => change));
    if (configs.length > 0) await sync.relintAll();
  });

  connection.onCodeAction(async (params) => {
    await sync.ready();
    return codeActions.provide(params);
  });
  connection.onCodeActionResolve(async (action) => {
    await sync.ready();
    return codeActions.resolve(action);
  });
  connection.onExecuteCommand(async (params) => {
    const target: unknown = params.arguments?.[0];
    if (params.command !== PIN_CHECKSUM_COMMAND || !isChecksumPinTarget(target)) return;
    await sync.ready();
    await checksumPins.run(target);
  });
  connection.onHover(async (params) => {
    await sync.ready();
    const doc = sync.current(params.textDocument.uri);
    return doc ? (imageHover(doc, params.position, pinner) ?? (await commitHover(doc, params.position, commitHovers))) : null;
  });
  connection.onRequest(AUDIT_REQUEST, (params: AuditParams & WorkDoneProgressParams, token: CancellationToken) => audits.audit(params, token));
  connection.onRequest(EXPORT_REQUEST, (params: ExportParams) => audits.export(params));
  connection.onRequest(AUDIT_FINDINGS_REQUEST, (params: AuditFindingsParams) => audits.findings(params));
  return { initialized };
}
