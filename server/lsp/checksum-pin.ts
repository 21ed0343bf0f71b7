import { MessageType, type Connection, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { LineIndex } from '../../rules/text';
import type { ChecksumFix } from '../../rules/types';
import { Downloader, shownUrl } from '../download/client';
import { formatBytes } from '../download/size';
import { checksumEdits } from '../pinning/checksum';
import type { LintedDocument } from './code-actions';

/** The command's argument: the finding, in the document version it was offered for. */
export interface ChecksumPinTarget {
  uri: string;
  version: number;
  rule: string;
  start: number;
  end: number;
}

/** Whether a command argument (from the client) has the target's shape. */
export function isChecksumPinTarget(value: unknown): value is ChecksumPinTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.uri === 'string' && typeof v.rule === 'string' && [v.version, v.start, v.end].every((n) => Number.isInteger(n));
}

export interface ChecksumPinHost {
  document(uri: string): LintedDocument | undefined;
  /** Why lookups are not allowed here, or undefined. */
  pinningBlocked(): string | undefined;
  /** The size cap for downloads from this document (its `.driftless.yaml`, in a trusted workspace). */
  downloadLimit(uri: string): number | undefined;
  versionedEdits: boolean;
  showMessage(type: MessageType, message: string): void;
}

/** How often the progress notification is updated while bytes arrive. */
const PROGRESS_EVERY_MS = 250;

/**
 * "Pin download to its checksum": a `HEAD` to learn the size, a question naming it, a cancellable download with
 * progress, then an edit applied only to the document version the finding came from. Every failure says why and
 * changes nothing.
 */
export class ChecksumPinCommand {
  constructor(
    private readonly connection: Connection,
    private readonly host: ChecksumPinHost,
  ) {}

  /** The fix of the target's finding in its document, when that document is still at the version linted. */
  private fixOf(target: ChecksumPinTarget): { doc: LintedDocument; fix: ChecksumFix } | undefined {
    const doc = this.host.document(target.uri);
    if (!doc?.result || doc.version !== target.version) return undefined;
    const finding = doc.result.findings.find((f) => f.rule === target.rule && f.span.start === target.start && f.span.end === target.end);
    const fix = finding?.fixes.find((f): f is ChecksumFix => f.kind === 'checksum');
    return fix ? { doc, fix } : undefined;
  }

  async run(target: ChecksumPinTarget): Promise<void> {
    const found = this.fixOf(target);
    if (!found) {
      this.error('not pinned: the file changed since the fix was offered; try again');
      return;
    }
    const blocked = this.host.pinningBlocked();
    if (blocked) {
      this.error(`not pinned: ${blocked}`);
      return;
    }
    const url = shownUrl(found.fix.url);
    const limit = this.host.downloadLimit(target.uri);
    const downloader = new Downloader(limit === undefined ? {} : { maxBytes: limit });
    const size = await downloader.size(found.fix.url);
    if (!size.ok) {
      this.error(`could not pin ${size.message}. The file was not changed`);
      return;
    }
    if (size.size !== undefined && size.size > downloader.options.maxBytes) {
      this.error(`could not pin ${url}: ${formatBytes(size.size)}, over the download limit of ${formatBytes(downloader.options.maxBytes)}. The file was not changed`);
      return;
    }
    const howBig = size.size === undefined ? `its size is unknown (at most ${formatBytes(downloader.options.maxBytes)} will be read)` : formatBytes(size.size);
    const go = { title: 'Download' };
    const answer = await this.connection.window.showInformationMessage(`Driftless: download ${url} (${howBig}) to pin it to the sha256 of its bytes?`, go, { title: 'Cancel' });
    if (answer?.title !== go.title) return;

    const progress = await this.connection.window.createWorkDoneProgress();
    const controller = new AbortController();
    progress.token.onCancellationRequested(() => controller.abort());
    progress.begin('Driftless: downloading to pin its checksum', 0, url, true);
    let reported = 0;
    const result = await downloader.checksum(found.fix.url, {
      signal: controller.signal,
      onProgress: (received, total) => {
        if (Date.now() - reported < PROGRESS_EVERY_MS) return;
        reported = Date.now();
        const percentage = total ? Math.floor((received / total) * 100) : undefined;
        progress.report(percentage ?? 0, `${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''}`);
      },
    });
    progress.done();
    if (!result.ok) {
      if (result.reason === 'cancelled') this.host.showMessage(MessageType.Info, `Driftless: not pinned: the download of ${url} was cancelled. The file was not changed.`);
      else this.error(`could not pin ${result.message}. The file was not changed`);
      return;
    }
    const still = this.fixOf(target);
    if (!still) {
      this.error(`not pinned: the file changed while ${url} was downloading; try again`);
      return;
    }
    const edit = this.workspaceEdit(still.doc, checksumEdits(still.fix, result.sha256));
    const applied = await this.connection.workspace.applyEdit({ label: still.fix.title, edit });
    if (!applied.applied) this.error(`not pinned: the editor did not apply the edit${applied.failureReason ? ` (${applied.failureReason})` : ''}`);
  }

  private workspaceEdit(doc: LintedDocument, edits: ReturnType<typeof checksumEdits>): WorkspaceEdit {
    const lines = new LineIndex(doc.text);
    const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: lines.range(e.span), newText: e.newText }));
    if (this.host.versionedEdits) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lspEdits }] };
    return { changes: { [doc.uri]: lspEdits } };
  }

  private error(message: string): void {
    this.host.showMessage(MessageType.Error, `Driftless: ${message}.`);
  }
}
