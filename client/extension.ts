import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { TRUST_NOTIFICATION, type InitializationOptions, type TrustParams } from '../server/protocol';
import { registerCommands, type CommandContext } from './commands';
import { ReportPanel } from './report-panel';
import { StatusItem } from './status';

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every document: the server tells by name and language which are its own (the front ends declare them), and
    // registers the file watcher for them itself.
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    synchronize: { configurationSection: 'driftless' },
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
    outputChannel: output,
  };
  return new LanguageClient('driftless', 'Driftless', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Driftless', { log: true });
  const status = new StatusItem();
  const ctx: CommandContext = {
    client: () => {
      if (!client) throw new Error('The Driftless language server is not running.');
      return client;
    },
    report: new ReportPanel(async (format) => {
      await vscode.commands.executeCommand('driftless.exportAuditReport', format);
    }),
    status,
    output,
    docsRoot: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules'),
    restart: async () => {
      await client?.stop();
      client = createClient(context, output);
      await client.start();
    },
  };
  context.subscriptions.push(output, status, ctx.report, ...registerCommands(ctx));
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUST_NOTIFICATION, { trusted: true } satisfies TrustParams)),
  );
  client = createClient(context, output);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
