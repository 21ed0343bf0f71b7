import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { EXPORT_FORMATS, type AuditResult, type ExportFormat } from '../server/protocol';
import { renderReport } from './report-html';
import { safeLinkTarget } from './safe-html';

/** The audit report webview: one panel, refreshed by each audit. */
export class ReportPanel {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly exportReport: (format: ExportFormat) => Promise<void>) {}

  show(result: AuditResult): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('driftless.auditReport', 'Driftless Audit', vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message));
    }
    this.panel.webview.html = renderReport({ nonce: randomBytes(16).toString('base64'), cspSource: this.panel.webview.cspSource, result });
    this.panel.reveal();
  }

  private async receive(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: string; uri?: string; line?: number; character?: number; format?: string; url?: string };
    if (m.type === 'open' && typeof m.uri === 'string') {
      const uri = vscode.Uri.parse(m.uri, true);
      if (uri.scheme !== 'file') return;
      const position = new vscode.Position(m.line ?? 0, m.character ?? 0);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
    } else if (m.type === 'export' && isExportFormat(m.format)) {
      await this.exportReport(m.format);
    } else if (m.type === 'openExternal' && typeof m.url === 'string') {
      // Checked again here: the page is not trusted to have sent only the links it was given.
      const target = safeLinkTarget(m.url);
      if (target !== undefined) await vscode.env.openExternal(vscode.Uri.parse(target, true));
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function isExportFormat(format: string | undefined): format is ExportFormat {
  return (EXPORT_FORMATS as readonly (string | undefined)[]).includes(format);
}
