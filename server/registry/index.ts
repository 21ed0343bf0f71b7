import { Authenticator } from './auth';
import { processCache, type DigestCache } from './cache';
import { RegistryClient, type ManifestDigest } from './client';
import { CredentialStore } from './credentials';
import { RegistryFailure, type FailureReason } from './failure';
import { parsePlatform, type Platform } from './platform';
import { canonicalName, normalizeReference, type RegistryReference } from './reference';
import { DEFAULT_TRANSPORT, Transport, type TransportOptions } from './transport';
import { isSha256Digest } from './digest-format';
import { untrustedText } from '../untrusted-text';

export { DiskCache, MemoryCache, processCache, type DigestCache } from './cache';
export type { FailureReason } from './failure';

export interface ResolverOptions {
  /** Hosts (`host[:port]`) that may be reached over plain HTTP; loopback always may. */
  insecureRegistries?: readonly string[];
  /** The folder holding Docker's config.json; default `$DOCKER_CONFIG`, else `~/.docker`. */
  dockerConfigDir?: string;
  /** Total time for one HTTP request. */
  timeoutMs?: number;
  /** Time to connect (TCP and TLS). */
  connectTimeoutMs?: number;
  /** Time a `docker-credential-<name> get` may take. */
  helperTimeoutMs?: number;
  /** Total time for one image's lookup, every request and retry included. */
  lookupDeadlineMs?: number;
  /** Where answers are kept; default the process-wide memory cache; `false` for none. */
  cache?: DigestCache | false;
  /** Retry and concurrency tuning (tests, benchmarks). */
  transport?: Partial<Omit<TransportOptions, 'timeoutMs' | 'connectTimeoutMs'>>;
}

export interface ResolveOptions {
  /** `os/arch[/variant]`: also find that platform's manifest inside a multi-platform index. */
  platform?: string;
}

export interface Resolved {
  ok: true;
  /** The reference as asked. */
  reference: string;
  /** `registry/repository:tag` after normalisation. */
  canonical: string;
  /** The digest of what the tag names (the index for multi-platform images): what pins by default. */
  digest: string;
  mediaType?: string;
  /** The tag names a multi-platform index. */
  index: boolean;
  /** With a platform and an index: that platform's manifest digest. */
  platformDigest?: string;
  /** The answer came from the cache. */
  cached: boolean;
}

export interface Unresolved {
  ok: false;
  reason: FailureReason;
  /**
   * Names the image and the reason, e.g. `nginx:9: tag 9 not found in docker.io/library/nginx (MANIFEST_UNKNOWN)`;
   * on one line, with the registry's text escaped and anything like a credential redacted.
   */
  message: string;
}

/** A registry answering each request just under the timeout, with retries, would otherwise hold an image for minutes. */
export const DEFAULT_LOOKUP_DEADLINE_MS = 30_000;

export type ResolveResult = Resolved | Unresolved;

export interface Resolver {
  resolve(reference: string, options?: ResolveOptions): Promise<ResolveResult>;
}

/** A registry client for the language server and the CLI: tag -> digest, with auth, timeouts, retries and a cache. */
export function createResolver(options: ResolverOptions = {}): Resolver {
  const transport = new Transport({
    ...DEFAULT_TRANSPORT,
    ...options.transport,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  });
  const credentials = new CredentialStore({ configDir: options.dockerConfigDir, helperTimeoutMs: options.helperTimeoutMs ?? 5_000 });
  const insecureRegistries = new Set((options.insecureRegistries ?? []).map((h) => h.toLowerCase()));
  const client = new RegistryClient(transport, new Authenticator(transport, credentials), insecureRegistries);
  const cache = options.cache === false ? undefined : (options.cache ?? processCache);
  const inFlight = new Map<string, Promise<ManifestDigest>>();
  const deadlineMs = options.lookupDeadlineMs ?? DEFAULT_LOOKUP_DEADLINE_MS;
  const lookUp = (ref: RegistryReference, platform: Platform | undefined): Promise<ManifestDigest> => {
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      const limit = `${deadlineMs / 1000} s`;
      deadline.abort(new RegistryFailure('timeout', `no answer from ${ref.apiHost} within ${limit} (the lookup deadline per image)`));
    }, deadlineMs);
    return client.manifestDigest(ref, platform, deadline.signal).finally(() => clearTimeout(timer));
  };

  return {
    async resolve(reference, resolveOptions = {}) {
      const fail = (reason: FailureReason, detail: string): Unresolved => ({ ok: false, reason, message: untrustedText(`${reference}: ${detail}`) });
      const ref = normalizeReference(reference);
      if (!ref) return fail('invalid-reference', 'not a valid image reference');
      const platform = resolveOptions.platform !== undefined ? parsePlatform(resolveOptions.platform) : undefined;
      if (resolveOptions.platform !== undefined && !platform) {
        return fail('invalid-reference', `platform ${JSON.stringify(resolveOptions.platform)} is not os/arch[/variant]`);
      }
      const canonical = canonicalName(ref);
      // An answer read over plain HTTP is kept apart: a resolver that may not use plain HTTP for that host never sees it.
      const plain = insecureRegistries.has(ref.apiHost.toLowerCase()) ? '|plain-http' : '';
      const key = `${ref.apiHost}/${ref.repository}:${ref.tag}|${resolveOptions.platform ?? ''}${plain}`;
      const hit = cache?.get(key);
      if (hit) return checked({ ok: true, reference, canonical, ...hit, cached: true });
      let pending = inFlight.get(key);
      if (!pending) {
        pending = lookUp(ref, platform)
          .then((value) => {
            cache?.set(key, value);
            return value;
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      try {
        return checked({ ok: true, reference, canonical, ...(await pending), cached: false });
      } catch (error) {
        if (error instanceof RegistryFailure) return fail(error.reason, error.message);
        return fail('unexpected', `the lookup failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

/** Whatever the source (an answer, a cache), a digest that is not exactly `sha256:` + 64 hex is never handed out. */
function checked(result: Resolved): ResolveResult {
  const bad = [result.digest, result.platformDigest].find((d) => d !== undefined && !isSha256Digest(d));
  if (bad === undefined) return result;
  return { ok: false, reason: 'malformed', message: untrustedText(`${result.reference}: ${JSON.stringify(bad)} is not a sha256 digest; not used`) };
}
