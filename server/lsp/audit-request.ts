import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type WorkDoneProgressParams,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import type { AuditFinding, AuditFindingsParams, AuditParams, AuditResult, ExportParams } from '../protocol';
import { formatJson } from '../report/format-json';
import { formatMarkdown } from '../report/format-markdown';
import { formatSarif } from '../report/format-sarif';
import type { Report } from '../report/model';
import { summarize } from '../report/summary';
import { initEngine } from '../../rules/engine';
import { AuditCancelled, auditFolders } from './audit';
import type { DocumentSync } from './document-sync';
import type { Linter } from './linting';
import type { Session } from './session';
import { filesExcludeGlobs } from './settings';
import { fsPathOf, uriOf } from './uris';

/**
 * `driftless/audit` (lint every file of the workspace, with progress and cancel), `driftless/auditFindings` (the
 * last audit's findings, a page at a time) and `driftless/exportAudit`.
 */
export class AuditRequests {
  private last: { report: Report; root: string; id: number; findings: AuditFinding[] } | undefined;
  private audits = 0;

  constructor(
    private readonly connection: Connection,
    private readonly session: Session,
    private readonly linter: Linter,
    private readonly sync: DocumentSync,
  ) {}

  async audit(params: AuditParams & WorkDoneProgressParams, token: CancellationToken): Promise<AuditResult> {
    const targets = params.folders?.map(fsPathOf).filter((f): f is string => f !== undefined) ?? this.session.folders;
    const { progress, cancelled: progressCancelled } = await this.progress(params);
    progress.begin('Driftless: auditing the workspace', 0, 'finding files', true);
    const published = new Set<string>();
    try {
      await initEngine();
      const { report, durationMs, examined, unclassified, unread } = await auditFolders(
        targets,
        {
          lint: (file, text) => this.linter.lint(file, text),
          ignores: (file, isDir) => this.linter.ignores(file, isDir),
          filesExclude: (folder) => this.filesExclude(folder),
          openText: (uri) => this.sync.documents.get(uri)?.getText(),
          infoSeverity: this.session.settings.infoSeverityInEditor,
          publish: (uri, diagnostics) => {
            if (this.sync.publishAudited(uri, diagnostics) && diagnostics.length > 0) published.add(uri);
          },
          progress: (done, total) => progress.report(total === 0 ? 100 : Math.floor((done / total) * 100), `${done} of ${total} files`),
        },
        () => token.isCancellationRequested || progressCancelled(),
      );
      this.sync.auditDone(targets, published);
      const summary = summarize(report);
      const id = ++this.audits;
      this.last = { report, root: targets[0] ?? process.cwd(), id, findings: summary.findingList };
      const limit = count(params.findingLimit);
      return { ...summary, findingList: limit === undefined ? summary.findingList : summary.findingList.slice(0, limit), durationMs, examined, unclassified, unread, auditId: id };
    } catch (error) {
      if (error instanceof AuditCancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, error.message);
      throw error;
    } finally {
      progress.done();
    }
  }

  /** A page of the last audit's findings (`driftless/auditFindings`). */
  findings(params: AuditFindingsParams): AuditFinding[] {
    if (!this.last || params.auditId !== this.last.id) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, 'That audit is no longer the last one: run "Driftless: Audit Workspace" again.');
    }
    const offset = count(params.offset) ?? 0;
    return this.last.findings.slice(offset, offset + (count(params.limit) ?? 0));
  }

  /** The last audit in the format asked for, rendered from the same report model as the CLI's output. */
  export(params: ExportParams): string {
    if (!this.last) throw new ResponseError(LSPErrorCodes.RequestFailed, 'No audit to export yet: run "Driftless: Audit Workspace" first.');
    switch (params.format) {
      case 'sarif':
        return formatSarif(this.last.report, this.last.root);
      case 'json':
        return formatJson(this.last.report);
      case 'markdown':
        return formatMarkdown(this.last.report);
      default:
        throw new ResponseError(LSPErrorCodes.RequestFailed, `Unknown export format ${JSON.stringify(params.format)} (expected sarif, json or markdown)`);
    }
  }

  /** The client's progress when it gave a token, else one the server creates (whose Cancel the audit also heeds). */
  private async progress(params: WorkDoneProgressParams): Promise<{ progress: WorkDoneProgressReporter; cancelled: () => boolean }> {
    if (params.workDoneToken !== undefined) return { progress: this.connection.window.attachWorkDoneProgress(params.workDoneToken), cancelled: () => false };
    const created = await this.connection.window.createWorkDoneProgress();
    return { progress: created, cancelled: () => created.token.isCancellationRequested };
  }

  private async filesExclude(folder: string): Promise<string[]> {
    if (!this.session.pullsConfiguration) return [];
    return filesExcludeGlobs(await this.connection.workspace.getConfiguration({ scopeUri: uriOf(folder), section: 'files.exclude' }));
  }
}

/** A count from the client: a whole number of at least 0, or undefined (taken as absent). */
function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
