import * as path from 'node:path';
import { FileChangeType, TextDocuments, type Connection, type Diagnostic, type FileEvent } from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../../rules/config';
import { DocumentParseCache } from '../../rules/document-cache';
import { MAX_FILE_BYTES, readSourceFile } from '../workspace';
import type { LintedDocument } from './code-actions';
import { configTextDiagnostics } from './configuration';
import { diagnosticsOf, tooLargeDiagnostic } from './diagnostics';
import type { Linter } from './linting';
import { Debouncer, quietPeriodMs } from './scheduler';
import type { Session } from './session';
import { fsPathOf } from './uris';

/** A `.driftless.yaml`: its diagnostics are its own errors, from the text in the editor while it is open. */
function isConfigFile(uri: string): boolean {
  const file = fsPathOf(uri);
  return file !== undefined && path.basename(file) === CONFIG_FILE_NAME;
}

/**
 * Open documents and their lints, and the closed files that carry diagnostics (from an audit or a change on disk):
 * what is published where, and when it is linted again.
 */
export class DocumentSync {
  readonly documents = new TextDocuments(CHECKED_DOCUMENTS);
  /** Lint results of open documents, by URI, for the version they were computed on. */
  private readonly linted = new Map<string, LintedDocument>();
  /** What each open document's lints parsed: a keystroke re-parses only the script or YAML document it touched. */
  private readonly parseCaches = new Map<string, DocumentParseCache>();
  /** How long each open document's last lint took (ms): its changes wait at least that long (quietPeriodMs). */
  private readonly lintMs = new Map<string, number>();
  /** Closed files with diagnostics published by an audit or a file watch. */
  private readonly onDisk = new Set<string>();
  private readonly scheduler = new Debouncer((uri) => {
    // The engine turns a failure on the text into a finding; anything else here must not take the server down.
    this.publishOpen(uri).catch((error: unknown) => {
      this.connection.console.error(`Driftless failed to publish the diagnostics of ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    });
  });
  /** The parsers each open document needs, loading from the moment it opened (see `ready`). */
  private readonly preparing = new Map<string, Promise<void>>();
  /** Once an audit ran, closed files changed on disk are linted again. */
  private audited = false;

  constructor(
    private readonly connection: Connection,
    private readonly session: Session,
    private readonly linter: Linter,
  ) {
    this.documents.onDidChangeContent(({ document }) => {
      if (!this.preparing.has(document.uri)) this.preparing.set(document.uri, linter.prepare(fsPathOf(document.uri), document.languageId));
      this.scheduler.schedule(document.uri, this.linted.has(document.uri) ? quietPeriodMs(session.debounceMs, this.lintMs.get(document.uri)) : 0);
    });
    this.documents.onDidClose(({ document }) => {
      this.scheduler.cancel(document.uri);
      this.linted.delete(document.uri);
      this.parseCaches.delete(document.uri);
      this.lintMs.delete(document.uri);
      this.preparing.delete(document.uri);
      if (isConfigFile(document.uri)) void this.publishConfigFromDisk(document.uri);
      else if (this.audited && fsPathOf(document.uri)) void this.publishFromDisk(document.uri);
      else void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    });
    this.documents.listen(connection);
  }

  /** Resolves once every open document's parsers are loaded: `current` may be called for any of them after. */
  async ready(): Promise<void> {
    await Promise.all(this.preparing.values());
  }

  /** The open document's lint for its current version (linted now if it changed), or undefined when it is not open. */
  current(uri: string): LintedDocument | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const cached = this.linted.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    const tooLarge = tooLargeReason(text);
    if (tooLarge !== undefined) {
      this.parseCaches.delete(uri);
      const skipped: LintedDocument = { uri, version: doc.version, text, result: undefined, skipped: tooLarge };
      this.linted.set(uri, skipped);
      return skipped;
    }
    let parseCache = this.parseCaches.get(uri);
    if (!parseCache) this.parseCaches.set(uri, (parseCache = new DocumentParseCache()));
    const started = performance.now();
    const fresh: LintedDocument = { uri, version: doc.version, text, result: this.linter.lint(fsPathOf(uri), text, doc.languageId, parseCache) };
    this.lintMs.set(uri, performance.now() - started);
    this.linted.set(uri, fresh);
    return fresh;
  }

  /** Settings or config changed: every open document, and every closed file with diagnostics, is linted again. */
  async relintAll(): Promise<void> {
    this.linted.clear();
    this.linter.invalidate();
    for (const doc of this.documents.all()) this.scheduler.schedule(doc.uri, 0);
    for (const uri of [...this.onDisk]) await this.publishFromDisk(uri);
  }

  /** Files changed on disk (not config files): a closed one with diagnostics, or any once audited, is linted again. */
  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    for (const change of changes) {
      if (this.documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        if (this.onDisk.delete(change.uri)) void this.connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
      } else if (this.audited || this.onDisk.has(change.uri)) {
        await this.publishFromDisk(change.uri);
      }
    }
  }

  /** An audit's diagnostics for a file; an open document keeps its own. Returns whether they were published. */
  publishAudited(uri: string, diagnostics: Diagnostic[]): boolean {
    if (this.documents.get(uri)) return false;
    if (diagnostics.length > 0) this.onDisk.add(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics });
    return true;
  }

  /** After an audit of `folders`: closed files under them that it did not publish for have nothing left to show. */
  auditDone(folders: readonly string[], published: ReadonlySet<string>): void {
    this.audited = true;
    for (const uri of [...this.onDisk]) {
      if (published.has(uri) || !folders.some((folder) => fsPathOf(uri)?.startsWith(folder + path.sep))) continue;
      this.onDisk.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  private async publishOpen(uri: string): Promise<void> {
    await this.preparing.get(uri);
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const file = fsPathOf(uri);
    if (file !== undefined && isConfigFile(uri)) {
      void this.connection.sendDiagnostics({ uri, version, diagnostics: configTextDiagnostics(file, doc.getText()) });
      return;
    }
    const state = this.current(uri);
    if (!state || this.documents.get(uri)?.version !== version) return;
    const diagnostics = state.skipped === undefined ? diagnosticsOf(state.result, uri, this.session.settings.infoSeverityInEditor) : [tooLargeDiagnostic(state.skipped)];
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** A config file closed: its diagnostics are those of the file on disk again, as the resolver reads it. */
  private async publishConfigFromDisk(uri: string): Promise<void> {
    const file = fsPathOf(uri);
    if (!file) return;
    const read = await readSourceFile(file);
    if (this.documents.get(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: read.status === 'text' ? configTextDiagnostics(file, read.text) : [] });
  }

  private async publishFromDisk(uri: string): Promise<void> {
    const file = fsPathOf(uri);
    if (!file || this.documents.get(uri)) return;
    const read = await readSourceFile(file);
    await this.linter.prepare(file);
    const diagnostics = read.status === 'text' ? diagnosticsOf(this.linter.lint(file, read.text), uri, this.session.settings.infoSeverityInEditor) : [];
    if (this.documents.get(uri)) return;
    if (diagnostics.length > 0) this.onDisk.add(uri);
    else this.onDisk.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }
}

/** Why an open document is not linted (too large, as the CLI's cap says), or undefined. */
function tooLargeReason(text: string): string | undefined {
  // A UTF-8 byte is at most one UTF-16 unit, and a unit at most 3 bytes: count bytes only near the cap.
  if (text.length * 3 <= MAX_FILE_BYTES) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= MAX_FILE_BYTES) return undefined;
  return `it is larger than ${MAX_FILE_BYTES / (1024 * 1024)} MB (${(bytes / (1024 * 1024)).toFixed(1)} MB), as the CLI skips it too`;
}

/**
 * TextDocument, refusing what the protocol does not allow: a `didOpen` whose text is not a string, a change
 * whose text is not one. The protocol library logs the refusal (the output channel) and the server goes on.
 */
const CHECKED_DOCUMENTS = {
  create(uri: string, languageId: string, version: number, content: unknown): TextDocument {
    if (typeof uri !== 'string' || typeof content !== 'string') {
      throw new TypeError(`Driftless ignored a document opened with ${describeValue(content)} as its text (${String(uri)}): the text must be a string`);
    }
    return TextDocument.create(uri, languageId, version, content);
  },
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const bad = changes.find((change) => typeof (change as { text: unknown }).text !== 'string');
    if (bad) throw new TypeError(`Driftless ignored a change to ${document.uri} with ${describeValue((bad as { text: unknown }).text)} as its text: the text must be a string`);
    return TextDocument.update(document, changes, version);
  },
};

function describeValue(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
