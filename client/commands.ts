import * as path from 'node:path';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient, type WorkDoneProgressParams, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import {
  AUDIT_FINDINGS_REQUEST,
  AUDIT_REQUEST,
  EXPORT_FORMATS,
  EXPORT_REQUEST,
  FIX_ALL_KIND,
  PIN_ALL_KIND,
  type AuditFinding,
  type AuditParams,
  type AuditResult,
  type ExportFormat,
  type ExportParams,
} from '../server/protocol';
import { FINDINGS_PAGE, withAllFindings } from './audit-pages';
import type { ReportPanel } from './report-panel';
import type { StatusItem } from './status';

const EXTENSIONS: Record<ExportFormat, string> = { sarif: 'sarif', json: 'json', markdown: 'md' };

export interface CommandContext {
  client: () => LanguageClient;
  report: ReportPanel;
  status: StatusItem;
  output: vscode.OutputChannel;
  docsRoot: vscode.Uri;
  restart: () => Promise<void>;
}

/** Audit Workspace: a progress notification with Cancel, then the report. Returns the result (for tests and scripts). */
export async function auditWorkspace(ctx: CommandContext): Promise<AuditResult | undefined> {
  const client = ctx.client();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Driftless: auditing the workspace', cancellable: true },
    async (progress, token) => {
      const workDoneToken = `driftless-audit-${Date.now()}`;
      let reported = 0;
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind !== 'report') return;
        const report = value as WorkDoneProgressReport;
        const percentage = report.percentage ?? reported;
        progress.report({ message: report.message, increment: Math.max(0, percentage - reported) });
        reported = percentage;
      });
      try {
        const params: AuditParams & WorkDoneProgressParams = { workDoneToken, findingLimit: FINDINGS_PAGE };
        const first = await client.sendRequest<AuditResult>(AUDIT_REQUEST, params, token);
        return await withAllFindings(first, (page) => client.sendRequest<AuditFinding[]>(AUDIT_FINDINGS_REQUEST, page, token));
      } catch (error) {
        if (token.isCancellationRequested) return undefined;
        throw error;
      } finally {
        listener.dispose();
      }
    },
  );
  if (!result) {
    void vscode.window.showInformationMessage('Driftless: audit cancelled.');
    return undefined;
  }
  ctx.status.markAudited();
  ctx.report.show(result);
  return result;
}

async function applySourceAction(kind: string, emptyMessage: string): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Driftless: open a file first.');
    return false;
  }
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, kind, 1);
  const action = actions?.find((a) => a.kind?.value === kind);
  if (!action?.edit) {
    void vscode.window.showInformationMessage(emptyMessage);
    return false;
  }
  return vscode.workspace.applyEdit(action.edit);
}

export function fixAllInFile(): Promise<boolean> {
  return applySourceAction(FIX_ALL_KIND, 'Driftless: no safe fix to apply in this file. Unsafe fixes are offered one by one as quick fixes; the setting driftless.unsafeFixes lets Fix All apply them.');
}

export function pinAllInFile(): Promise<boolean> {
  return applySourceAction(PIN_ALL_KIND, 'Driftless: no image in this file was pinned.');
}

/** Writes the last audit as SARIF, JSON or Markdown; asks for the format and place when not given. */
export async function exportAudit(ctx: CommandContext, format?: ExportFormat, target?: string): Promise<vscode.Uri | undefined> {
  const chosen =
    format ??
    ((await vscode.window.showQuickPick([...EXPORT_FORMATS], { placeHolder: 'Export the Driftless audit as' })) as ExportFormat | undefined);
  if (!chosen) return undefined;
  const params: ExportParams = { format: chosen };
  const text = await ctx.client().sendRequest<string>(EXPORT_REQUEST, params);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = target
    ? vscode.Uri.file(target)
    : await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, `driftless-audit.${EXTENSIONS[chosen]}`) : undefined,
        filters: { [chosen.toUpperCase()]: [EXTENSIONS[chosen]] },
      });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Driftless: audit exported to ${path.basename(uri.fsPath)}.`, 'Open').then((pick) => {
    if (pick === 'Open') void vscode.window.showTextDocument(uri);
  });
  return uri;
}

/** Opens a rule's page: the given rule, the one under the cursor, or one picked from the list. */
export async function openRuleDocumentation(ctx: CommandContext, rule?: string): Promise<void> {
  let id = rule;
  const editor = vscode.window.activeTextEditor;
  if (!id && editor) {
    const here = vscode.languages
      .getDiagnostics(editor.document.uri)
      .find((d) => d.source === 'driftless' && d.range.contains(editor.selection.active));
    if (here) id = typeof here.code === 'object' ? String(here.code.value) : String(here.code);
  }
  if (!id) {
    const entries = await vscode.workspace.fs.readDirectory(ctx.docsRoot);
    const ids = entries.map(([name]) => name).filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3)).sort();
    id = await vscode.window.showQuickPick(ids, { placeHolder: 'Driftless rule' });
    if (!id) return;
  }
  const uri = vscode.Uri.joinPath(ctx.docsRoot, `${id}.md`);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('driftless.auditWorkspace', () => auditWorkspace(ctx)),
    vscode.commands.registerCommand('driftless.fixAllInFile', fixAllInFile),
    vscode.commands.registerCommand('driftless.pinAllImagesInFile', pinAllInFile),
    vscode.commands.registerCommand('driftless.exportAuditReport', (format?: ExportFormat, target?: string) => exportAudit(ctx, format, target)),
    vscode.commands.registerCommand('driftless.showOutput', () => ctx.output.show(true)),
    vscode.commands.registerCommand('driftless.restartServer', () => ctx.restart()),
    vscode.commands.registerCommand('driftless.openRuleDocumentation', (rule?: string) => openRuleDocumentation(ctx, rule)),
  ];
}
