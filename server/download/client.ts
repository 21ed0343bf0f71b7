import { createHash } from 'node:crypto';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { isLoopback } from '../registry/reference';
import { DownloadFailure, describeNetworkError, type DownloadFailureReason } from './failure';
import { DEFAULT_DOWNLOAD_LIMIT, formatBytes } from './size';

export interface DownloaderOptions {
  /** Bytes read at most; a longer download fails as too big. */
  maxBytes: number;
  /** Time to establish the connection (TCP and TLS). */
  connectTimeoutMs: number;
  /** Time the server may stay silent: before answering, or between two chunks of the body. */
  idleTimeoutMs: number;
  /** Redirects followed at most. */
  maxRedirects: number;
  /** Certificates trusted instead of the system's (a private CA); NODE_EXTRA_CA_CERTS adds to the system's. */
  ca?: string;
}

export const DEFAULT_DOWNLOADER: DownloaderOptions = {
  maxBytes: DEFAULT_DOWNLOAD_LIMIT,
  connectTimeoutMs: 5_000,
  idleTimeoutMs: 20_000,
  maxRedirects: 10,
};

export type SizeResult = { ok: true; url: string; size?: number } | { ok: false; reason: DownloadFailureReason; message: string };

export type ChecksumResult =
  | { ok: true; url: string; sha256: string; size: number }
  | { ok: false; reason: DownloadFailureReason; message: string };

export interface ChecksumOptions {
  signal?: AbortSignal;
  /** Called as bytes arrive: the bytes so far, and the total when the server said it. */
  onProgress?: (received: number, total: number | undefined) => void;
}

/** What `sha256` in a ChecksumResult always is: 64 lower-case hex digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Request headers of every download: no compression, so the bytes hashed are the bytes the server stores. */
const HEADERS = { 'User-Agent': 'driftless', 'Accept-Encoding': 'identity' };
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Network {
  request(url: URL, options: RequestOptions): ClientRequest;
}

/** node:http and node:https, loaded with the first download: most runs make none. */
let network: Promise<{ http: Network; https: Network }> | undefined;

function loadNetwork(): Promise<{ http: Network; https: Network }> {
  network ??= Promise.all([import('node:http'), import('node:https')]).then(([http, https]) => ({ http, https }));
  return network;
}

/** What a `HEAD` may answer when the server allows only `GET` (405, 501), or signs URLs per method (400, 403). */
const HEAD_REFUSED = new Set([400, 403, 405, 501]);

/**
 * Downloads a URL to learn the sha256 of its bytes, streaming: memory stays flat whatever the size. HTTPS only
 * (plain HTTP to loopback), redirects followed only to such URLs, a `HEAD` first to refuse what is over the cap
 * before a byte of it is read, cancellable. A failure's message starts with the URL and says the cause.
 */
export class Downloader {
  readonly options: DownloaderOptions;

  constructor(options: Partial<DownloaderOptions> = {}) {
    this.options = { ...DEFAULT_DOWNLOADER, ...options };
  }

  /** The download's size as a `HEAD` tells it (undefined when the server does not say), and where it redirects to. */
  async size(url: string, signal?: AbortSignal): Promise<SizeResult> {
    try {
      const head = await this.head(parseUrl(url), signal);
      return { ok: true, url: head.url.href, ...(head.size === undefined ? {} : { size: head.size }) };
    } catch (error) {
      return failed(error, url);
    }
  }

  /** The sha256 of the bytes at `url`, as 64 lower-case hex digits; a `HEAD` first refuses what is too big. */
  async checksum(url: string, options: ChecksumOptions = {}): Promise<ChecksumResult> {
    try {
      const start = parseUrl(url);
      const head = await this.head(start, options.signal);
      if (head.size !== undefined) this.checkSize(head.size, start, head.url);
      const response = await this.follow('GET', start, head.url, options.signal);
      return { ok: true, url: response.url.href, ...(await this.hash(start, response, options)) };
    } catch (error) {
      return failed(error, url);
    }
  }

  private async head(start: URL, signal: AbortSignal | undefined): Promise<{ url: URL; size?: number }> {
    const response = await this.follow('HEAD', start, start, signal);
    response.message.resume();
    if (response.message.statusCode !== 200) return { url: response.url };
    return { url: response.url, size: contentLength(response.message) };
  }

  private checkSize(size: number, start: URL, url: URL): void {
    if (size > this.options.maxBytes) {
      throw new DownloadFailure('too-big', `${formatBytes(size)}${at(url, start)}, over the download limit of ${formatBytes(this.options.maxBytes)}`);
    }
  }

  /**
   * Sends `method` to `url` and follows redirects to HTTPS (or loopback HTTP) URLs. A `HEAD` the server refuses
   * comes back as it is: the size is then unknown and the `GET` finds out.
   */
  private async follow(method: 'GET' | 'HEAD', start: URL, url: URL, signal: AbortSignal | undefined): Promise<{ url: URL; message: IncomingMessage }> {
    let current = url;
    for (let redirects = 0; ; redirects++) {
      const message = await this.send(method, current, signal);
      const status = message.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        message.resume();
        if (redirects >= this.options.maxRedirects) throw new DownloadFailure('too-many-redirects', `redirects more than ${this.options.maxRedirects} times`);
        current = redirectTarget(current, message.headers.location);
        continue;
      }
      if (status === 200 || (method === 'HEAD' && HEAD_REFUSED.has(status))) return { url: current, message };
      message.resume();
      throw statusFailure(status, start, current);
    }
  }

  /** One request; the idle timeout and the signal cover it until the answer's headers arrive. */
  private async send(method: 'GET' | 'HEAD', url: URL, signal: AbortSignal | undefined): Promise<IncomingMessage> {
    if (signal?.aborted) throw new DownloadFailure('cancelled', 'cancelled');
    const net = await loadNetwork();
    const secure = url.protocol === 'https:';
    const requestOptions: RequestOptions & { ca?: string } = { method, headers: HEADERS, agent: false };
    if (secure && this.options.ca) requestOptions.ca = this.options.ca;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = (secure ? net.https : net.http).request(url, requestOptions);
      const connect = setTimeout(
        () => req.destroy(new DownloadFailure('timeout', `could not connect to ${url.host} within ${seconds(this.options.connectTimeoutMs)}`)),
        this.options.connectTimeoutMs,
      );
      const abort = (): void => {
        req.destroy(new DownloadFailure('cancelled', 'cancelled'));
      };
      const settle = (): void => {
        clearTimeout(connect);
        signal?.removeEventListener('abort', abort);
      };
      signal?.addEventListener('abort', abort, { once: true });
      req.setTimeout(this.options.idleTimeoutMs, () => {
        req.destroy(new DownloadFailure('timeout', `${url.host} did not answer within ${seconds(this.options.idleTimeoutMs)}`));
      });
      req.on('socket', (socket) => {
        if (!socket.connecting) clearTimeout(connect);
        else socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connect));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        settle();
        reject(error instanceof DownloadFailure ? error : describeNetworkError(error, url));
      });
      req.on('response', (message) => {
        settle();
        req.setTimeout(0);
        resolve(message);
      });
      req.end();
    });
  }

  /** Streams the body through sha256, counting bytes against the cap and the announced length. */
  private hash(start: URL, response: { url: URL; message: IncomingMessage }, options: ChecksumOptions): Promise<{ sha256: string; size: number }> {
    const { url, message } = response;
    const encoding = String(message.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== '') {
      message.destroy();
      const named = ['gzip', 'br', 'deflate', 'zstd', 'compress'].includes(encoding) ? encoding : 'other';
      throw new DownloadFailure('encoded', `sent compressed (Content-Encoding: ${named}) though that was not asked for: its checksum would depend on the client`);
    }
    const total = contentLength(message);
    if (total !== undefined) this.checkSize(total, start, url);
    const digest = createHash('sha256');
    let received = 0;
    return new Promise((resolve, reject) => {
      let settled = false;
      let idle: NodeJS.Timeout | undefined;
      const { signal } = options;
      const finish = (): void => {
        settled = true;
        clearTimeout(idle);
        signal?.removeEventListener('abort', abort);
      };
      const fail = (failure: DownloadFailure): void => {
        if (settled) return;
        finish();
        message.destroy();
        reject(failure);
      };
      const abort = (): void => fail(new DownloadFailure('cancelled', `cancelled after ${formatBytes(received)}`));
      const wait = (): void => {
        clearTimeout(idle);
        idle = setTimeout(
          () => fail(new DownloadFailure('timeout', `${url.host} sent nothing for ${seconds(this.options.idleTimeoutMs)} after ${formatBytes(received)}`)),
          this.options.idleTimeoutMs,
        );
      };
      if (signal?.aborted) {
        abort();
        return;
      }
      signal?.addEventListener('abort', abort, { once: true });
      wait();
      message.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > this.options.maxBytes) {
          fail(new DownloadFailure('too-big', `over the download limit of ${formatBytes(this.options.maxBytes)}${at(url, start)}`));
          return;
        }
        digest.update(chunk);
        wait();
        options.onProgress?.(received, total);
      });
      const cut = (): DownloadFailure =>
        new DownloadFailure('truncated', `the connection closed after ${formatBytes(received)}${total === undefined ? '' : ` of ${formatBytes(total)}`}`);
      message.on('error', (error: NodeJS.ErrnoException) => fail(error.code === 'ECONNRESET' ? cut() : describeNetworkError(error, url)));
      message.on('close', () => fail(cut()));
      message.on('end', () => {
        if (settled) return;
        if (total !== undefined && received !== total) {
          fail(new DownloadFailure('truncated', `ended after ${formatBytes(received)} of ${formatBytes(total)}`));
          return;
        }
        finish();
        const sha256 = digest.digest('hex');
        if (SHA256_HEX.test(sha256)) resolve({ sha256, size: received });
        else reject(new Error(`sha256 gave ${JSON.stringify(sha256)}`));
      });
    });
  }
}

/** A URL that may be downloaded: HTTPS, or plain HTTP to loopback; no credentials in it. */
function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DownloadFailure('invalid-url', 'not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DownloadFailure('invalid-url', `${url.protocol} URLs are not downloaded, only https:`);
  if (url.username || url.password) throw new DownloadFailure('invalid-url', 'a URL carrying credentials is not downloaded');
  if (!secureEnough(url)) throw new DownloadFailure('insecure-transport', 'not HTTPS (plain HTTP is allowed to loopback only)');
  return url;
}

function secureEnough(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.host));
}

function redirectTarget(from: URL, location: string | undefined): URL {
  if (!location) throw new DownloadFailure('http-error', 'redirects without a Location header');
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new DownloadFailure('http-error', 'redirects to something that is not a URL');
  }
  if (target.username || target.password) throw new DownloadFailure('insecure-redirect', 'redirects to a URL carrying credentials');
  if (!secureEnough(target)) {
    throw new DownloadFailure('insecure-redirect', `redirects to ${target.href}, which is not HTTPS (plain HTTP is allowed to loopback only)`);
  }
  return target;
}

function statusFailure(status: number, start: URL, url: URL): DownloadFailure {
  const where = at(url, start);
  if (status === 404 || status === 410) return new DownloadFailure('not-found', `not found${where} (HTTP ${status})`);
  if (status === 401 || status === 403) return new DownloadFailure('denied', `needs credentials${where} (HTTP ${status})`);
  return new DownloadFailure('http-error', `answered HTTP ${status}${where}`);
}

/** Where a redirect led, for a message about the URL it started from: ` at https://…`, or nothing. */
function at(url: URL, start: URL): string {
  return url.href === start.href ? '' : ` at ${url.href}, where it redirects`;
}

function contentLength(message: IncomingMessage): number | undefined {
  const value = message.headers['content-length'];
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Results name the URL first (percent-encoded by URL, so no control character from a file or a server gets through). */
function failed(error: unknown, url: string): { ok: false; reason: DownloadFailureReason; message: string } {
  if (!(error instanceof DownloadFailure)) throw error;
  return { ok: false, reason: error.reason, message: `${shownUrl(url)}: ${error.message}` };
}

/**
 * The URL as written, for a message: credentials in it masked, printable ASCII as it is, anything else (a control
 * character from a hostile file, a non-ASCII letter) as a `\u{…}` escape, at most 300 characters.
 */
export function shownUrl(text: string): string {
  const escaped = text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1***@').replace(/[^\x20-\x7e]/gu, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);
  return escaped.length > 300 ? `${escaped.slice(0, 300)}…` : escaped;
}
