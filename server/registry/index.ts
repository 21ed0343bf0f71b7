import { Authenticator } from './auth';
import { processCache, type DigestCache } from './cache';
import { RegistryClient, type ManifestDigest } from './client';
import { CredentialStore } from './credentials';
import { RegistryFailure, type FailureReason } from './failure';
import { parsePlatform } from './platform';
import { canonicalName, normalizeReference } from './reference';
import { DEFAULT_TRANSPORT, Transport, type TransportOptions } from './transport';

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
  /** Names the image and the reason, e.g. `nginx:9: tag 9 not found in docker.io/library/nginx (MANIFEST_UNKNOWN)`. */
  message: string;
}

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
  const client = new RegistryClient(
    transport,
    new Authenticator(transport, credentials),
    new Set((options.insecureRegistries ?? []).map((h) => h.toLowerCase())),
  );
  const cache = options.cache === false ? undefined : (options.cache ?? processCache);
  const inFlight = new Map<string, Promise<ManifestDigest>>();

  return {
    async resolve(reference, resolveOptions = {}) {
      const fail = (reason: FailureReason, detail: string): Unresolved => ({ ok: false, reason, message: `${reference}: ${detail}` });
      const ref = normalizeReference(reference);
      if (!ref) return fail('invalid-reference', 'not a valid image reference');
      const platform = resolveOptions.platform !== undefined ? parsePlatform(resolveOptions.platform) : undefined;
      if (resolveOptions.platform !== undefined && !platform) {
        return fail('invalid-reference', `platform ${JSON.stringify(resolveOptions.platform)} is not os/arch[/variant]`);
      }
      const canonical = canonicalName(ref);
      const key = `${ref.apiHost}/${ref.repository}:${ref.tag}|${resolveOptions.platform ?? ''}`;
      const hit = cache?.get(key);
      if (hit) return { ok: true, reference, canonical, ...hit, cached: true };
      let pending = inFlight.get(key);
      if (!pending) {
        pending = client
          .manifestDigest(ref, platform)
          .then((value) => {
            cache?.set(key, value);
            return value;
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      try {
        return { ok: true, reference, canonical, ...(await pending), cached: false };
      } catch (error) {
        if (error instanceof RegistryFailure) return fail(error.reason, error.message);
        throw error;
      }
    },
  };
}
