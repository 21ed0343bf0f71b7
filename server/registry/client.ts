import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Authenticator, Authorization } from './auth';
import { pickChallenge, parseChallenges, type Challenge } from './challenge';
import { isSha256Digest } from './digest-format';
import { RegistryFailure } from './failure';
import { isIndexType, isManifestType, MANIFEST_ACCEPT } from './media-types';
import { formatPlatform, platformMatches, type Platform } from './platform';
import { isLoopback, type RegistryReference } from './reference';
import { retryAfterMs, isPlainHttpAnswer, untilAborted, type HttpResponse, type Transport } from './transport';

/** What a tag points to now. */
export interface ManifestDigest {
  /** The digest of what the tag names: an index for multi-platform images. */
  digest: string;
  mediaType?: string;
  /** The tag names an index (OCI image index or Docker manifest list). */
  index: boolean;
  /** The manifest of the requested platform inside the index. */
  platformDigest?: string;
}

/** Where a registry's API lives and how it asked to be authenticated. */
interface Origin {
  url: URL;
  challenge?: Challenge;
}

/** A failed `/v2/` probe is remembered this long, so a batch of lookups against a dead registry fails fast. */
const FAILED_PROBE_MS = 10_000;


/** Speaks the Distribution API: finds the registry's scheme, answers challenges, reads manifest digests. */
export class RegistryClient {
  private readonly origins = new Map<string, { origin: Promise<Origin>; failedAt?: number }>();

  constructor(
    private readonly transport: Transport,
    private readonly auth: Authenticator,
    private readonly insecureRegistries: ReadonlySet<string>,
  ) {}

  /** `signal` carries the lookup's overall deadline: every request of the lookup stops when it passes. */
  async manifestDigest(ref: RegistryReference, platform?: Platform, signal?: AbortSignal): Promise<ManifestDigest> {
    const origin = await untilAborted(this.origin(ref.apiHost), signal);
    const head = await this.manifestRequest(ref, origin, 'HEAD', signal);
    let expected: string | undefined;
    if (head.status === 200) {
      // A digest header counts only on a manifest answer: a proxy's login page may carry one too.
      const mediaType = contentType(head.headers);
      const digest = isIndexType(mediaType) || isManifestType(mediaType) ? headerDigest(head.headers) : undefined;
      const index = isIndexType(mediaType);
      if (digest && !(platform && index)) return { digest, mediaType, index };
      expected = digest;
    } else if (head.status !== 404) {
      throw statusFailure(ref, head);
    }
    const get = await this.manifestRequest(ref, origin, 'GET', signal);
    if (get.status === 404 && registryErrorCode(get) !== 'NAME_UNKNOWN') {
      const tags = await this.authorizedRequest(ref, origin, 'GET', `/v2/${ref.repository}/tags/list?n=1`, 'application/json', signal);
      if (tags.status === 404) throw statusFailure(ref, tags);
    }
    if (get.status !== 200) throw statusFailure(ref, get);
    const manifest = readManifest(ref, get);
    if (expected && manifest.digest !== expected) {
      throw new RegistryFailure('digest-mismatch', `${ref.registry}/${ref.repository}:${ref.tag} changed while it was being read (${expected}, then ${manifest.digest})`);
    }
    const result: ManifestDigest = { digest: manifest.digest, mediaType: manifest.mediaType, index: isIndexType(manifest.mediaType) };
    if (platform && result.index) result.platformDigest = pickPlatform(ref, manifest.body, platform);
    return result;
  }

  private origin(host: string): Promise<Origin> {
    const known = this.origins.get(host);
    if (known && (known.failedAt === undefined || Date.now() - known.failedAt < FAILED_PROBE_MS)) return known.origin;
    const entry: { origin: Promise<Origin>; failedAt?: number } = { origin: this.probe(host) };
    entry.origin.catch(() => {
      entry.failedAt = Date.now();
    });
    this.origins.set(host, entry);
    return entry.origin;
  }

  /** `GET /v2/`: which scheme answers (HTTPS first; plain HTTP only for loopback and insecure registries) and its challenge. */
  private async probe(host: string): Promise<Origin> {
    const plainAllowed = isLoopback(host) || this.insecureRegistries.has(host.toLowerCase());
    const schemes = plainAllowed ? ['https:', 'http:'] : ['https:'];
    for (const scheme of schemes) {
      const url = registryUrl(scheme, host);
      let response: HttpResponse;
      try {
        response = await this.transport.send({ method: 'GET', url: new URL('/v2/', url), headers: {} });
      } catch (error) {
        if (scheme === 'https:' && plainAllowed && isPlainHttpAnswer(error)) continue;
        throw error;
      }
      if (response.status === 200) return { url };
      if (response.status === 401) {
        const challenge = pickChallenge(parseChallenges(response.headers['www-authenticate']));
        if (!challenge) throw new RegistryFailure('unauthorized', `${host} requires authentication but sent no Bearer or Basic challenge`);
        return { url, challenge };
      }
      if (response.status === 404) throw new RegistryFailure('malformed', `${url.origin} does not serve the registry API (GET /v2/ answered 404)`);
      throw new RegistryFailure('registry-error', `${url.origin} answered HTTP ${response.status} to GET /v2/`);
    }
    throw new RegistryFailure('unreachable', `no scheme left to try for ${host}`);
  }

  private manifestRequest(ref: RegistryReference, origin: Origin, method: 'HEAD' | 'GET', signal: AbortSignal | undefined): Promise<HttpResponse> {
    return this.authorizedRequest(ref, origin, method, `/v2/${ref.repository}/manifests/${encodeURIComponent(ref.tag)}`, MANIFEST_ACCEPT, signal);
  }

  /** A request with authentication: answers one fresh challenge, then reports 401/403 with what was tried. */
  private async authorizedRequest(
    ref: RegistryReference,
    origin: Origin,
    method: 'HEAD' | 'GET',
    path: string,
    accept: string,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse> {
    const url = new URL(path, origin.url);
    const send = (auth: Authorization | undefined): Promise<HttpResponse> =>
      this.transport.send({ method, url, headers: { Accept: accept, ...(auth?.header ? { Authorization: auth.header } : {}) }, signal });
    const authorize = async (challenge: Challenge): Promise<Authorization> => {
      const auth = await this.auth.authorize(challenge, ref.registry, origin.url, ref.repository, signal);
      if (!auth.header) throw new RegistryFailure('unauthorized', `${ref.registry} requires credentials for ${ref.repository}; ${auth.via}`);
      return auth;
    };
    // Without credentials for the registry's challenge, try anyway: some allow anonymous pulls past a 401 on /v2/.
    let auth = origin.challenge ? await this.auth.authorize(origin.challenge, ref.registry, origin.url, ref.repository, signal) : undefined;
    let response = await send(auth);
    if (response.status === 401) {
      const challenge = pickChallenge(parseChallenges(response.headers['www-authenticate']));
      if (!challenge) throw new RegistryFailure('unauthorized', `${ref.registry} answered 401 without a Bearer or Basic challenge`);
      this.auth.forget(challenge, ref.repository);
      origin.challenge = challenge;
      auth = await authorize(challenge);
      response = await send(auth);
      if (response.status === 401) {
        const what = challenge.scheme === 'basic' ? `Basic ${auth.via}` : `a token obtained with ${auth.via}`;
        const hint = challenge.scheme === 'bearer' ? ': the repository may not exist, or needs other credentials' : '';
        throw new RegistryFailure('unauthorized', `${ref.registry} rejected ${what} for ${ref.repository} (HTTP 401${errorCode(response)})${hint}`);
      }
    }
    if (response.status === 403) {
      const what = auth?.header ? (origin.challenge?.scheme === 'basic' ? `Basic ${auth.via}` : `a token obtained with ${auth.via}`) : 'anonymous access';
      throw new RegistryFailure('denied', `${ref.registry} denied ${what} to ${ref.repository} (HTTP 403${errorCode(response)})`);
    }
    return response;
  }
}

function registryUrl(scheme: string, host: string): URL {
  try {
    return new URL(`${scheme}//${host}/`);
  } catch {
    throw new RegistryFailure('invalid-reference', `${host} is not a valid registry address (a port from 1 to 65535?)`);
  }
}

function contentType(headers: IncomingHttpHeaders): string | undefined {
  return headers['content-type']?.split(';')[0].trim().toLowerCase();
}

function headerDigest(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['docker-content-digest'];
  const digest = (Array.isArray(value) ? value[0] : value)?.trim();
  return isSha256Digest(digest) ? digest : undefined;
}

/** The registry's error code from a JSON error body, as ` CODE`. */
function errorCode(response: HttpResponse): string {
  const code = registryErrorCode(response);
  return code ? ` ${code}` : '';
}

function registryErrorCode(response: HttpResponse): string | undefined {
  if (response.body.length === 0) return undefined;
  try {
    const body = JSON.parse(response.body.toString('utf8')) as { errors?: Array<{ code?: unknown }> };
    const code = body.errors?.[0]?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function statusFailure(ref: RegistryReference, response: HttpResponse): RegistryFailure {
  const name = `${ref.registry}/${ref.repository}`;
  const code = registryErrorCode(response);
  if (response.status === 404) {
    if (code === 'NAME_UNKNOWN') return new RegistryFailure('repository-unknown', `repository ${name} not found (NAME_UNKNOWN)`);
    return new RegistryFailure('manifest-unknown', `tag ${ref.tag} not found in ${name} (${code ?? 'HTTP 404'})`);
  }
  if (response.status === 429) {
    const wait = retryAfterMs(response.headers['retry-after']);
    const after = wait !== undefined ? `; retry after ${Math.ceil(wait / 1000)} s` : '';
    return new RegistryFailure('rate-limited', `${ref.registry} is rate limiting requests (HTTP 429${after})`);
  }
  return new RegistryFailure('registry-error', `${ref.registry} answered HTTP ${response.status}${code ? ` ${code}` : ''} for ${name}:${ref.tag}`);
}

interface Manifest {
  digest: string;
  mediaType?: string;
  body: Record<string, unknown>;
}

/** The sha256 of the exact bytes is the digest; a Docker-Content-Digest that disagrees means the answer cannot be trusted. */
function readManifest(ref: RegistryReference, response: HttpResponse): Manifest {
  const digest = `sha256:${createHash('sha256').update(response.body).digest('hex')}`;
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch {
    const type = contentType(response.headers);
    if (isIndexType(type) || isManifestType(type)) throw new RegistryFailure('malformed', `${ref.registry} sent a manifest that is not JSON`);
    throw new RegistryFailure('malformed', `${ref.registry} answered with ${type ?? 'no Content-Type'}, not a manifest (a proxy's page?)`);
  }
  const claimed = headerDigest(response.headers);
  if (claimed && claimed !== digest) {
    throw new RegistryFailure(
      'digest-mismatch',
      `${ref.registry} sent Docker-Content-Digest ${claimed} but the manifest it sent hashes to ${digest}`,
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RegistryFailure('malformed', `${ref.registry} sent a manifest that is not a JSON object`);
  }
  const record = body as Record<string, unknown>;
  const mediaType = typeof record.mediaType === 'string' ? record.mediaType : contentType(response.headers);
  if (record.schemaVersion !== 2 || !(isIndexType(mediaType) || isManifestType(mediaType))) {
    throw new RegistryFailure('malformed', `${ref.registry} sent an unsupported manifest (schemaVersion ${String(record.schemaVersion)}, ${mediaType ?? 'no media type'})`);
  }
  return { digest, mediaType, body: record };
}

function pickPlatform(ref: RegistryReference, index: Record<string, unknown>, wanted: Platform): string {
  const entries = Array.isArray(index.manifests) ? (index.manifests as Array<Record<string, unknown>>) : undefined;
  if (!entries) throw new RegistryFailure('malformed', `${ref.registry} sent an index without a manifests list`);
  const platforms: string[] = [];
  for (const entry of entries) {
    const platform = (entry?.platform ?? {}) as Partial<Platform>;
    platforms.push(formatPlatform(platform));
    if (!platformMatches(wanted, platform)) continue;
    if (!isSha256Digest(entry.digest)) {
      throw new RegistryFailure('malformed', `${ref.registry} listed ${formatPlatform(platform)} with an invalid digest`);
    }
    return entry.digest;
  }
  const offered = platforms.length > 0 ? platforms.join(', ') : 'none';
  throw new RegistryFailure('platform-unknown', `no ${formatPlatform(wanted)} image in the index (it has ${offered})`);
}
