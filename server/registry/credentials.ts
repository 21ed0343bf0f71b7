import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { RegistryFailure } from './failure';
import { isDockerHub } from './reference';

export interface Credential {
  username: string;
  secret: string;
  /** The secret is an OAuth refresh token (`identitytoken`, or a helper's `<token>` user). */
  identityToken: boolean;
  /** Where it came from, for messages (never the credential itself). */
  source: string;
}

export interface CredentialLookup {
  credential?: Credential;
  /** Every source consulted, in order, with what it gave: for 401/403 messages. */
  tried: string[];
}

export interface CredentialOptions {
  /** The folder holding config.json; default `$DOCKER_CONFIG`, else `~/.docker`. */
  configDir?: string;
  /** How long a `docker-credential-<name> get` may take. */
  helperTimeoutMs: number;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** The server URL Docker's credential helpers know Docker Hub by. */
const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

/** Reads Docker's credentials the way the docker CLI does: credHelpers, then credsStore, then auths. */
export class CredentialStore {
  private readonly lookups = new Map<string, Promise<CredentialLookup>>();

  constructor(private readonly options: CredentialOptions) {}

  lookup(registry: string): Promise<CredentialLookup> {
    let found = this.lookups.get(registry);
    if (!found) {
      found = this.find(registry);
      this.lookups.set(registry, found);
    }
    return found;
  }

  private configPath(): string {
    const dir = this.options.configDir ?? process.env.DOCKER_CONFIG ?? join(homedir(), '.docker');
    return join(dir, 'config.json');
  }

  private async find(registry: string): Promise<CredentialLookup> {
    const path = this.configPath();
    const config = await readConfig(path);
    if (!config) return { tried: [`no ${path}`] };
    const tried: string[] = [];
    const serverUrl = isDockerHub(registry) ? DOCKER_HUB_SERVER : registry;
    const helper = entryFor(config.credHelpers ?? {}, registry);
    const helpers = [
      ...(helper ? [{ name: helper, via: 'credHelpers' }] : []),
      ...(config.credsStore ? [{ name: config.credsStore, via: 'credsStore' }] : []),
    ];
    for (const { name, via } of helpers) {
      const source = `docker-credential-${name} (${via} in ${path})`;
      const result = await runHelper(name, serverUrl, this.options.helperTimeoutMs);
      if (typeof result === 'string') {
        tried.push(`${source}: ${result}`);
        continue;
      }
      tried.push(source);
      return { credential: { ...result, source }, tried };
    }
    const entry = entryFor(config.auths ?? {}, registry);
    const source = `auths in ${path}`;
    if (!entry) {
      tried.push(`${source}: no entry for ${registry}`);
      return { tried };
    }
    const credential = fromAuthEntry(entry, source);
    if (typeof credential === 'string') {
      tried.push(`${source}: ${credential}`);
      return { tried };
    }
    tried.push(source);
    return { credential, tried };
  }
}

async function readConfig(path: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RegistryFailure('credentials-error', `cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RegistryFailure('credentials-error', `${path} is not valid JSON${jsonErrorPlace(text, error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RegistryFailure('credentials-error', `${path} must hold a JSON object`);
  }
  return parsed as DockerConfig;
}

/** Config keys may be `host`, `https://host`, `https://host/v1/`; Docker Hub has several names. */
function keyHost(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').split('/')[0].toLowerCase();
}

function entryFor<T>(map: Record<string, T>, registry: string): T | undefined {
  const wanted = registry.toLowerCase();
  for (const [key, value] of Object.entries(map)) {
    const host = keyHost(key);
    if (host === wanted || (isDockerHub(wanted) && isDockerHub(host))) return value;
  }
  return undefined;
}

function fromAuthEntry(entry: AuthEntry, source: string): Credential | string {
  if (entry.identitytoken) return { username: '', secret: entry.identitytoken, identityToken: true, source };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return '`auth` is not base64 of user:password';
    return { username: decoded.slice(0, colon), secret: decoded.slice(colon + 1), identityToken: false, source };
  }
  if (entry.username && entry.password) return { username: entry.username, secret: entry.password, identityToken: false, source };
  return 'the entry holds no credentials';
}

/** Runs `docker-credential-<name> get`; a string result says why it gave nothing. */
async function runHelper(name: string, serverUrl: string, timeoutMs: number): Promise<Omit<Credential, 'source'> | string> {
  // Loaded here, not at start: few runs ever reach a credential helper.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    // Its own process group, so a helper script's children die with it on timeout.
    const child = spawn(`docker-credential-${name}`, ['get'], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let done = false;
    const finish = (result: Omit<Credential, 'source'> | string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      if (child.pid !== undefined) killGroup(child.pid);
      child.stdout.destroy();
      child.stderr.destroy();
      finish(`no answer within ${timeoutMs} ms`);
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ENOENT' ? 'not found on PATH' : `could not run: ${error.message}`),
    );
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8').trim();
      if (code !== 0) {
        if (/credentials not found/i.test(stdout)) finish(`no credentials for ${serverUrl}`);
        else finish(`exited with ${code}${err.length > 0 ? ` (its error output may hold secrets and is not shown: run docker-credential-${name} get to see it)` : ''}`);
        return;
      }
      finish(parseHelperAnswer(stdout));
    });
    child.stdin.on('error', () => {
      // The helper may exit before reading stdin; its exit status reports what happened.
    });
    child.stdin.end(serverUrl);
  });
}

function parseHelperAnswer(stdout: string): Omit<Credential, 'source'> | string {
  let answer: unknown;
  try {
    answer = JSON.parse(stdout);
  } catch {
    return 'answered with something that is not JSON';
  }
  const { Username, Secret } = (answer ?? {}) as { Username?: unknown; Secret?: unknown };
  if (typeof Username !== 'string' || typeof Secret !== 'string' || Secret === '') return 'answered without Username and Secret';
  return Username === '<token>'
    ? { username: '', secret: Secret, identityToken: true }
    : { username: Username, secret: Secret, identityToken: false };
}

/**
 * Where JSON.parse stopped, as ` (line L, column C)`: never its message, which quotes the text around the
 * error, and in config.json that text is credentials.
 */
function jsonErrorPlace(text: string, error: unknown): string {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (position === undefined) return '';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  return ` (line ${line}, column ${Number(position) - before.lastIndexOf('\n')})`;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
