import type { Agent, IncomingHttpHeaders } from 'node:http';
import { describeSocketError } from '../network/socket-errors';
import { RegistryFailure } from './failure';
import { KeyedLimiter } from './limiter';

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Aborted when the lookup's overall deadline passes; its reason is the failure reported. */
  signal?: AbortSignal;
  /** What failure messages call the server: `registry` unless said otherwise (`git server`). */
  service?: string;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface TransportOptions {
  /** Time to establish the connection (TCP and TLS). */
  connectTimeoutMs: number;
  /** Time for one whole request, from start to the last byte. */
  timeoutMs: number;
  /** Attempts for one request when the registry answers 429/5xx or drops the connection. */
  attempts: number;
  /** The first retry delay; doubles each attempt. */
  retryBaseMs: number;
  /** A Retry-After longer than this is not waited for: the answer is returned as is. */
  maxRetryDelayMs: number;
  /** Concurrent requests per registry host. */
  perHostConcurrency: number;
}

export const DEFAULT_TRANSPORT: TransportOptions = {
  connectTimeoutMs: 5_000,
  timeoutMs: 20_000,
  attempts: 3,
  retryBaseMs: 250,
  maxRetryDelayMs: 10_000,
  perHostConcurrency: 4,
};

/** Manifests are at most 4 MiB in Distribution; anything bigger is not a manifest. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

interface Network {
  request: typeof import('node:http').request;
  agent: Agent;
}

/**
 * node:http and node:https with their keep-alive agents, loaded with the first request: most runs make none,
 * and loading the TLS stack took about 10 ms of every CLI and server start.
 */
let network: Promise<{ http: Network; https: Network }> | undefined;

function loadNetwork(): Promise<{ http: Network; https: Network }> {
  network ??= Promise.all([import('node:http'), import('node:https')]).then(([http, https]) => ({
    http: { request: http.request, agent: new http.Agent({ keepAlive: true }) },
    https: { request: https.request, agent: new https.Agent({ keepAlive: true }) },
  }));
  return network;
}

/** A TLS handshake answered by a plain-HTTP server. */
export function isPlainHttpAnswer(error: unknown): boolean {
  return error instanceof RegistryFailure && error.reason === 'tls' && /wrong version number|packet length too long|http request/i.test(error.message);
}

/** Sends HTTP requests with timeouts, retries and a per-host concurrency bound. */
export class Transport {
  private readonly limiter: KeyedLimiter;

  constructor(readonly options: TransportOptions = DEFAULT_TRANSPORT) {
    this.limiter = new KeyedLimiter(options.perHostConcurrency);
  }

  /** Retries 429/5xx (honouring Retry-After) and dropped connections; other answers come back as they are. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      request.signal?.throwIfAborted();
      const last = attempt >= this.options.attempts;
      let response: HttpResponse;
      try {
        response = await untilAborted(this.limiter.run(request.url.host, () => this.once(request)), request.signal);
      } catch (error) {
        if (last || !(error instanceof RegistryFailure) || !error.transient) throw error;
        await sleep(this.backoff(attempt), request.signal);
        continue;
      }
      if (last || !(response.status === 429 || response.status >= 500)) return response;
      const delay = retryAfterMs(response.headers['retry-after']) ?? this.backoff(attempt);
      if (delay > this.options.maxRetryDelayMs) return response;
      await sleep(delay, request.signal);
    }
  }

  private backoff(attempt: number): number {
    const base = this.options.retryBaseMs * 2 ** (attempt - 1);
    return Math.min(this.options.maxRetryDelayMs, base / 2 + Math.random() * base);
  }

  private async once(request: HttpRequest): Promise<HttpResponse> {
    const { url } = request;
    const secure = url.protocol === 'https:';
    const net = await loadNetwork();
    const { request: send, agent } = secure ? net.https : net.http;
    const { signal } = request;
    signal?.throwIfAborted();
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => fail(abortReason(signal));
      const fail = (failure: RegistryFailure): void => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        signal?.removeEventListener('abort', onAbort);
        req.destroy();
        reject(failure);
      };
      const headers: Record<string, string> = { 'User-Agent': 'driftless', ...request.headers };
      if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body));
      const req = send(url, { method: request.method, headers, agent });
      const total = setTimeout(
        () => fail(new RegistryFailure('timeout', `${url.host} did not answer within ${this.options.timeoutMs} ms (the per-request timeout)`)),
        this.options.timeoutMs,
      );
      const connect = setTimeout(
        () => fail(new RegistryFailure('timeout', `could not connect to ${url.host} within ${this.options.connectTimeoutMs} ms (the connect timeout)`)),
        this.options.connectTimeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('socket', (socket) => {
        if (!socket.connecting) clearTimeout(connect);
        else socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connect));
      });
      req.on('error', (error: NodeJS.ErrnoException) => fail(describeNetworkError(error, url, request.service)));
      req.on('response', (res) => {
        clearTimeout(connect);
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) fail(new RegistryFailure('malformed', `${url.host} sent more than ${MAX_BODY_BYTES} bytes for a manifest`));
          else chunks.push(chunk);
        });
        res.on('error', (error: NodeJS.ErrnoException) => fail(describeNetworkError(error, url, request.service)));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(total);
          signal?.removeEventListener('abort', onAbort);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
      });
      req.end(request.body);
    });
  }
}

/** Names the host (not the scheme tried) except for TLS errors, where HTTPS is the point. */
function describeNetworkError(error: NodeJS.ErrnoException, url: URL, service = 'registry'): RegistryFailure {
  const failure = describeSocketError(error, url, service);
  return new RegistryFailure(failure.kind, failure.message, failure.dropped);
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Waits, or rejects with the signal's reason as soon as it is aborted. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The failure an aborted lookup reports: the deadline's own message when it set one. */
export function abortReason(signal: AbortSignal | undefined): RegistryFailure {
  const reason: unknown = signal?.reason;
  return reason instanceof RegistryFailure ? reason : new RegistryFailure('timeout', 'the lookup was cancelled');
}

/** A promise shared by several lookups (a registry's probe), given up by one whose signal is aborted. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
