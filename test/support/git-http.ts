import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

/** Where Debian's git package installs the smart-HTTP CGI program. */
export const GIT_HTTP_BACKEND = ['/usr/lib/git-core/git-http-backend'];

/** The backend when installed; each test still calls requireComponent so a missing one skips or fails it. */
export function findGitHttpBackend(): string | undefined {
  return GIT_HTTP_BACKEND.find((p) => existsSync(p));
}

export interface SeenRequest {
  method: string;
  path: string;
  gitProtocol: string | undefined;
  authorization: string | undefined;
}

export interface GitServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Every request the bridge received, in order. */
  seen: SeenRequest[];
  stop(): Promise<void>;
}

export interface GitServerOptions {
  /** Repositories under this path prefix (e.g. `/private/`) answer 401 without these Basic credentials. */
  basicAuth?: { prefix: string; username: string; password: string };
}

/**
 * A CGI bridge on loopback: each request runs `git http-backend` over the bare repositories under `root`, with
 * the CGI variables it reads (the `Git-Protocol` header as HTTP_GIT_PROTOCOL, so protocol v2 is spoken).
 */
export async function startGitServer(backend: string, root: string, options: GitServerOptions = {}): Promise<GitServer> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const gitProtocol = req.headers['git-protocol'] as string | undefined;
    seen.push({ method: req.method ?? '', path: url.pathname, gitProtocol, authorization: req.headers.authorization });
    const auth = options.basicAuth;
    let remoteUser = '';
    if (auth && url.pathname.startsWith(auth.prefix)) {
      const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
        return;
      }
      remoteUser = auth.username;
    }
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: root,
      REQUEST_METHOD: req.method,
      PATH_INFO: url.pathname,
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
      REMOTE_ADDR: '127.0.0.1',
      REMOTE_USER: remoteUser,
      ...(gitProtocol ? { HTTP_GIT_PROTOCOL: gitProtocol } : {}),
    };
    const child = spawn(backend, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('error', (error) => res.writeHead(500).end(error.message));
    child.on('close', () => writeCgiResponse(Buffer.concat(out), res));
    req.pipe(child.stdin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A CGI answer: header lines (`Status:` among them), a blank line, the body. */
function writeCgiResponse(output: Buffer, res: http.ServerResponse): void {
  const crlf = output.indexOf('\r\n\r\n');
  const lf = output.indexOf('\n\n');
  const split = crlf >= 0 && (lf < 0 || crlf < lf) ? { at: crlf, length: 4 } : { at: lf, length: 2 };
  if (split.at < 0) {
    res.writeHead(502).end('git http-backend wrote no header');
    return;
  }
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of output.toString('latin1', 0, split.at).split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  res.writeHead(status, headers).end(output.subarray(split.at + split.length));
}

/** Runs git in `gitDir` with a fixed identity and dates and no user or system configuration. */
export function git(gitDir: string, args: readonly string[], input?: string): string {
  const env = {
    PATH: process.env.PATH,
    HOME: gitDir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_DIR: gitDir,
    GIT_AUTHOR_NAME: 'Driftless Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Driftless Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  };
  return execFileSync('git', [...args], { env, input, encoding: 'utf8' }).trim();
}

/** A bare repository at `root/<name>.git` holding commits (`commit` names them) that the test points refs at. */
export function bareRepository(root: string, name: string): { gitDir: string; commit(message: string): string } {
  const gitDir = join(root, `${name}.git`);
  mkdirSync(gitDir, { recursive: true });
  git(gitDir, ['init', '--bare', '--quiet']);
  const emptyTree = git(gitDir, ['mktree'], '');
  let parent: string | undefined;
  return {
    gitDir,
    commit(message) {
      parent = git(gitDir, ['commit-tree', emptyTree, '-m', message, ...(parent ? ['-p', parent] : [])]);
      return parent;
    },
  };
}

/** A fresh folder for repositories, removed by the returned function. */
export function repositoryRoot(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'driftless-git-'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * For the suite it is called in: git http-backend serving the repositories `make` creates in a fresh folder,
 * started before the suite's tests and stopped and removed after. The getter answers `undefined` where git is
 * missing (each test still calls requireComponent, so that skips or fails it).
 */
export function serveRepositoriesForSuite<T extends object>(make: (root: string) => T, options?: GitServerOptions): () => (T & { server: GitServer }) | undefined {
  let served: (T & { server: GitServer }) | undefined;
  let remove = (): void => undefined;
  before(async () => {
    const backend = findGitHttpBackend();
    if (!backend) return;
    const folder = repositoryRoot();
    remove = folder.remove;
    const made = make(folder.root);
    served = { ...made, server: await startGitServer(backend, folder.root, options) };
  });
  after(async () => {
    await served?.server.stop();
    remove();
  });
  return () => served;
}

/**
 * The repositories the git client and `--pin` tests ask: `acme/tools` with commits first, release and main;
 * branches main (HEAD) and stable (at first); the annotated tag v1.2.3 and the lightweight v1, v1.2 and stable at
 * release. And `private/secret`, one commit on main.
 */
export function toolsRepositories(root: string): { toolsGitDir: string; first: string; release: string; main: string; secret: string } {
  const tools = bareRepository(root, 'acme/tools');
  const first = tools.commit('first');
  const release = tools.commit('release 1.2.3');
  const main = tools.commit('work after the release');
  git(tools.gitDir, ['update-ref', 'refs/heads/main', main]);
  git(tools.gitDir, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  git(tools.gitDir, ['tag', '-a', 'v1.2.3', '-m', 'release 1.2.3', release]);
  git(tools.gitDir, ['update-ref', 'refs/tags/v1', release]);
  git(tools.gitDir, ['update-ref', 'refs/tags/v1.2', release]);
  git(tools.gitDir, ['update-ref', 'refs/heads/stable', first]);
  git(tools.gitDir, ['update-ref', 'refs/tags/stable', release]);
  const secretRepository = bareRepository(root, 'private/secret');
  const secret = secretRepository.commit('secret');
  git(secretRepository.gitDir, ['update-ref', 'refs/heads/main', secret]);
  return { toolsGitDir: tools.gitDir, first, release, main, secret };
}
