import * as path from 'node:path';
import {
  CodeActionKind,
  DiagnosticSeverity,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressParams,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_IDS } from '../../rules/catalogue';
import { CONFIG_FILE_NAME, type ConfigError } from '../../rules/config';
import { initEngine } from '../../rules/engine';
import { DocumentParseCache } from '../../rules/document-cache';
import { readSourceFile } from '../workspace';
import { formatJson } from '../cli/format-json';
import { formatSarif } from '../cli/format-sarif';
import type { Report } from '../cli/report';
import { AuditCancelled, auditFolders, type AuditParams, type AuditResult } from './audit';
import { CodeActions, FIX_ALL_KIND, PIN_ALL_KIND, type LintedDocument } from './code-actions';
import { ConfigStore } from './config-store';
import { diagnosticsOf, SOURCE } from './diagnostics';
import { formatAuditMarkdown } from './format-markdown';
import { imageHover } from './hover';
import { Linter } from './linting';
import { Pinner, pinningBlocked, type DigestResolver } from './pinning';
import { Debouncer } from './scheduler';
import { DEFAULT_DEBOUNCE_MS, defaultSettings, filesExcludeGlobs, readSettings, type InitializationOptions, type ServerSettings } from './settings';
import { fsPathOf, uriOf } from './uris';

export const AUDIT_REQUEST = 'driftless/audit';
export const TRUST_NOTIFICATION = 'driftless/workspaceTrust';
export const EXPORT_REQUEST = 'driftless/exportAudit';

export type ExportFormat = 'sarif' | 'json' | 'markdown';

export interface LanguageServerOptions {
  resolver: DigestResolver;
}

/** Wires the Driftless language server onto a connection; the caller calls `connection.listen()`. */
export function startLanguageServer(connection: Connection, options: LanguageServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const configs = new ConfigStore();
  const pinner = new Pinner(options.resolver);
  let settings: ServerSettings = defaultSettings();
  let folders: string[] = [];
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let workspaceTrusted = true;
  let pullConfiguration = false;
  let resolvesEdits = false;
  let versionedEdits = false;
  /** Lint results of open documents, by URI, for the version they were computed on. */
  const linted = new Map<string, LintedDocument>();
  /** What each open document's lints parsed: a keystroke re-parses only the script or YAML document it touched. */
  const parseCaches = new Map<string, DocumentParseCache>();
  /** Closed files with diagnostics published by an audit or a file watch. */
  const onDisk = new Set<string>();
  let audited = false;
  let lastAudit: { result: AuditResult; report: Report; root: string } | undefined;
  const reportedConfigErrors = new Map<string, string>();

  /** A notification, not a request: nothing waits on the user, and clients without message requests still show it. */
  const showMessage = (type: MessageType, message: string): void => {
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  };

  const linter = new Linter(configs, () => settings, () => folders);

  const current = (uri: string): LintedDocument | undefined => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const cached = linted.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    let parseCache = parseCaches.get(uri);
    if (!parseCache) parseCaches.set(uri, (parseCache = new DocumentParseCache()));
    const fresh: LintedDocument = { uri, version: doc.version, text, result: linter.lint(fsPathOf(uri), text, doc.languageId, parseCache) };
    linted.set(uri, fresh);
    return fresh;
  };

  const publishOpen = (uri: string): void => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const state = current(uri);
    if (!state || documents.get(uri)?.version !== version) return;
    void connection.sendDiagnostics({ uri, version, diagnostics: diagnosticsOf(state.result, state.text) });
  };
  const scheduler = new Debouncer(publishOpen);

  const publishFromDisk = async (uri: string): Promise<void> => {
    const file = fsPathOf(uri);
    if (!file || documents.get(uri)) return;
    const read = await readSourceFile(file);
    const diagnostics = read.status === 'text' ? diagnosticsOf(linter.lint(file, read.text), read.text) : [];
    if (documents.get(uri)) return;
    if (diagnostics.length > 0) onDisk.add(uri);
    else onDisk.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  };

  const relintEverything = async (): Promise<void> => {
    linted.clear();
    linter.invalidate();
    for (const doc of documents.all()) scheduler.schedule(doc.uri, 0);
    for (const uri of [...onDisk]) await publishFromDisk(uri);
  };

  const reportConfig = (folder: string, error: ConfigError | undefined): void => {
    const configUri = uriOf(path.join(folder, CONFIG_FILE_NAME));
    if (!error) {
      if (reportedConfigErrors.delete(folder)) void connection.sendDiagnostics({ uri: configUri, diagnostics: [] });
      return;
    }
    const diagnostic: Diagnostic = {
      range: { start: { line: error.line - 1, character: 0 }, end: { line: error.line - 1, character: Number.MAX_SAFE_INTEGER } },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'config',
      message: `${error.detail}. Driftless keeps using the last valid settings until this is fixed.`,
    };
    void connection.sendDiagnostics({ uri: configUri, diagnostics: [diagnostic] });
    if (reportedConfigErrors.get(folder) !== error.message) {
      reportedConfigErrors.set(folder, error.message);
      showMessage(MessageType.Error, `Driftless: ${error.message}. Using the last valid settings until it is fixed.`);
    }
  };

  const loadSettings = async (pushed?: unknown): Promise<void> => {
    const raw = pullConfiguration ? await connection.workspace.getConfiguration('driftless') : pushed;
    const { settings: next, problems } = readSettings(raw, RULE_IDS);
    settings = next;
    for (const problem of problems) showMessage(MessageType.Warning, `Driftless: ${problem} (ignored).`);
  };

  const codeActions = new CodeActions({
    document: current,
    get resolvesEdits() {
      return resolvesEdits;
    },
    get versionedEdits() {
      return versionedEdits;
    },
    pinningBlocked: () => pinningBlocked(workspaceTrusted, settings.allowPinningInUntrustedWorkspace),
    resolveOptions: (uri, platform) => {
      const file = fsPathOf(uri);
      const folder = file === undefined ? undefined : linter.folderOf(file);
      // Registries reached over plain HTTP are a network setting from the workspace: trusted workspaces only.
      const insecureRegistries = workspaceTrusted ? configs.get(folder).insecureRegistries : [];
      return { platform, insecureRegistries };
    },
    configuredPlatform: (uri) => {
      const file = fsPathOf(uri);
      return configs.get(file === undefined ? undefined : linter.folderOf(file)).platform;
    },
    lookup: (reference, resolveOptions) => pinner.resolve(reference, resolveOptions),
    showError: (message) => showMessage(MessageType.Error, message),
    lintText: (uri, text) => linter.lint(fsPathOf(uri), text, documents.get(uri)?.languageId),
  });

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    await initEngine();
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    if (typeof init.workspaceTrusted === 'boolean') workspaceTrusted = init.workspaceTrusted;
    const caps = params.capabilities;
    pullConfiguration = caps.workspace?.configuration === true;
    resolvesEdits = caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    versionedEdits = caps.workspace?.workspaceEdit?.documentChanges === true;
    const rootFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = rootFolders.map(fsPathOf).filter((f): f is string => f !== undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, PIN_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'driftless' },
    };
  });

  connection.onInitialized(async () => {
    await loadSettings();
    for (const folder of folders) reportConfig(folder, configs.load(folder));
    if (folders.length > 0) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        for (const removed of event.removed) {
          const folder = fsPathOf(removed.uri);
          if (folder) configs.forget(folder);
        }
        folders = folders.filter((f) => !event.removed.some((r) => fsPathOf(r.uri) === f));
        for (const added of event.added) {
          const folder = fsPathOf(added.uri);
          if (folder) {
            folders.push(folder);
            reportConfig(folder, configs.load(folder));
          }
        }
        await relintEverything();
      });
    }
    await relintEverything();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { driftless?: unknown } | null)?.driftless;
    await loadSettings(pushed);
    await relintEverything();
  });

  connection.onNotification(TRUST_NOTIFICATION, (params: { trusted: boolean }) => {
    workspaceTrusted = params.trusted === true;
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let configChanged = false;
    for (const change of changes) {
      const file = fsPathOf(change.uri);
      if (!file) continue;
      if (path.basename(file) === CONFIG_FILE_NAME) {
        const folder = linter.folderOf(file);
        if (folder !== undefined && path.dirname(file) === folder) {
          reportConfig(folder, configs.load(folder));
          configChanged = true;
        }
        continue;
      }
      if (documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        if (onDisk.delete(change.uri)) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
      } else if (audited || onDisk.has(change.uri)) {
        await publishFromDisk(change.uri);
      }
    }
    if (configChanged) await relintEverything();
  });

  documents.onDidChangeContent(({ document }) => {
    scheduler.schedule(document.uri, linted.has(document.uri) ? debounceMs : 0);
  });

  documents.onDidClose(({ document }) => {
    scheduler.cancel(document.uri);
    linted.delete(document.uri);
    parseCaches.delete(document.uri);
    if (audited && fsPathOf(document.uri)) void publishFromDisk(document.uri);
    else void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => codeActions.provide(params));
  connection.onCodeActionResolve((action) => codeActions.resolve(action));
  connection.onHover((params) => {
    const doc = current(params.textDocument.uri);
    return doc ? imageHover(doc, params.position, pinner) : null;
  });

  connection.onRequest(AUDIT_REQUEST, async (params: AuditParams & WorkDoneProgressParams, token: CancellationToken): Promise<AuditResult> => {
    const targets = params.folders?.map(fsPathOf).filter((f): f is string => f !== undefined) ?? folders;
    let progress: WorkDoneProgressReporter;
    let progressCancel: CancellationToken | undefined;
    if (params.workDoneToken !== undefined) progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    else {
      const serverProgress = await connection.window.createWorkDoneProgress();
      progress = serverProgress;
      progressCancel = serverProgress.token;
    }
    progress.begin('Driftless: auditing the workspace', 0, 'finding files', true);
    const cancelled = () => token.isCancellationRequested || progressCancel?.isCancellationRequested === true;
    const published = new Set<string>();
    try {
      const { result, report } = await auditFolders(
        targets,
        {
          lint: (file, text) => linter.lint(file, text),
          ignoreGlobs: (folder) => [...configs.get(folder).ignore, ...settings.exclude],
          filesExclude: async (folder) =>
            pullConfiguration ? filesExcludeGlobs(await connection.workspace.getConfiguration({ scopeUri: uriOf(folder), section: 'files.exclude' })) : [],
          openText: (uri) => documents.get(uri)?.getText(),
          publish: (uri, diagnostics) => {
            if (documents.get(uri)) return;
            if (diagnostics.length > 0) {
              published.add(uri);
              onDisk.add(uri);
            }
            void connection.sendDiagnostics({ uri, diagnostics });
          },
          progress: (done, total) => progress.report(total === 0 ? 100 : Math.floor((done / total) * 100), `${done} of ${total} files`),
        },
        cancelled,
      );
      for (const uri of [...onDisk]) {
        if (published.has(uri) || !targets.some((t) => fsPathOf(uri)?.startsWith(t + path.sep))) continue;
        onDisk.delete(uri);
        void connection.sendDiagnostics({ uri, diagnostics: [] });
      }
      audited = true;
      lastAudit = { result, report, root: targets[0] ?? process.cwd() };
      return result;
    } catch (error) {
      if (error instanceof AuditCancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, error.message);
      throw error;
    } finally {
      progress.done();
    }
  });

  connection.onRequest(EXPORT_REQUEST, (params: { format: ExportFormat }): string => {
    if (!lastAudit) throw new ResponseError(LSPErrorCodes.RequestFailed, 'No audit to export yet: run "Driftless: Audit Workspace" first.');
    switch (params.format) {
      case 'sarif':
        return formatSarif(lastAudit.report, lastAudit.root);
      case 'json':
        return formatJson(lastAudit.report);
      case 'markdown':
        return formatAuditMarkdown(lastAudit.result);
      default:
        throw new ResponseError(LSPErrorCodes.RequestFailed, `Unknown export format ${JSON.stringify(params.format)} (expected sarif, json or markdown)`);
    }
  });

  documents.listen(connection);
}
