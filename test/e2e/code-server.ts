import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServer, node24 } from './components';

export interface CodeServerOptions {
  /** Installed before start; omit when the extension is loaded from its development path instead. */
  vsix?: string;
  /** Start without --disable-workspace-trust: folders open untrusted, in Restricted Mode (no startup prompt). */
  untrusted?: boolean;
  /** Names the temp folders. */
  label: string;
}

export interface RunningCodeServer {
  url: string;
  userDataDir: string;
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not allocate a loopback port');
  return address.port;
}

function environment(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_STATE_HOME: join(home, 'state'),
  };
}

/** A quiet workbench: no welcome page, no chat, no update or marketplace traffic. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'workbench.editor.enablePreview': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.acceptSuggestionOnEnter': 'off',
};

function installExtension(args: string[], env: NodeJS.ProcessEnv, vsix: string): void {
  const result = spawnSync(node24().path, [...args, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before answering /healthz:\n${log()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // connection refused while starting
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz within 60 s:\n${log()}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Starts code-server on a free loopback port with its own throw-away profile, the extension installed first. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const home = mkdtempSync(join(tmpdir(), `driftless-e2e-${options.label}-`));
  const userDataDir = join(home, 'user-data');
  const env = environment(home);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = options.untrusted ? { ...USER_SETTINGS, 'security.workspace.trust.startupPrompt': 'never' } : USER_SETTINGS;
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const common = [codeServer().path, '--user-data-dir', userDataDir, '--extensions-dir', join(home, 'extensions')];
  if (options.vsix) installExtension(common, env, options.vsix);

  const port = await freePort();
  const args = [
    ...common,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--reconnection-grace-time', '5',
    ...(options.untrusted ? [] : ['--disable-workspace-trust']),
  ];
  const child = spawn(node24().path, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const log = () => output;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    // the extension host and language server live in the same process group
    signalGroup(child, 'SIGKILL');
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, userDataDir, log, stop };
}
