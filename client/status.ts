import * as vscode from 'vscode';

const SOURCE = 'driftless';

function count(diagnostics: readonly vscode.Diagnostic[]): number {
  return diagnostics.filter((d) => d.source === SOURCE).length;
}

/** The status bar item: findings in the active file, and in the workspace once an audit ran; click audits. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('driftless.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[] = [];
  private audited = false;

  constructor() {
    this.item.name = 'Driftless';
    this.item.command = 'driftless.auditWorkspace';
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
    this.item.show();
  }

  markAudited(): void {
    this.audited = true;
    this.update();
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const inFile = editor ? count(vscode.languages.getDiagnostics(editor.document.uri)) : undefined;
    const inWorkspace = vscode.languages.getDiagnostics().reduce((n, [, d]) => n + count(d), 0);
    const parts: string[] = [];
    if (inFile !== undefined) parts.push(`${inFile} in file`);
    if (this.audited) parts.push(`${inWorkspace} in workspace`);
    this.item.text = `$(shield) Driftless${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
    this.item.tooltip = this.audited ? 'Driftless findings. Click to audit the workspace again.' : 'Click to audit the workspace for mutable infrastructure.';
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
