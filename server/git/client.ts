import { isLoopback } from '../registry/reference';
import { RegistryFailure } from '../registry/failure';
import { DEFAULT_TRANSPORT, Transport, type HttpResponse } from '../registry/transport';
import { GitFailure, type GitFailureReason } from './failure';
import { DELIM, FLUSH, pktLine, readPackets } from './pkt-line';
import { checkAdvertisement, parseLsRefs, type AdvertisedRef } from './refs';
import { resolveRef, type Resolution } from './resolve';

/** Basic credentials (a token as the password) for one host: sent to that host only. */
export interface GitCredential {
  host: string;
  username: string;
  password: string;
}

export type RefResult = ({ ok: true } & Resolution) | { ok: false; reason: GitFailureReason; message: string };

export type TagsResult = { ok: true; tags: AdvertisedRef[] } | { ok: false; reason: GitFailureReason; message: string };

export interface GitClientOptions {
  transport?: Transport;
  credentials?: readonly GitCredential[];
  /** How long a repository's answer is reused: refs move, so briefly. */
  cacheTtlMs?: number;
}

const DEFAULT_CACHE_TTL_MS = 5 * 60_000;
const ADVERTISEMENT_TYPE = 'application/x-git-upload-pack-advertisement';
const RESULT_TYPE = 'application/x-git-upload-pack-result';
/** A ref name we ask about: what `uses:`, `?ref=`, `version:` hold, nothing that could break the request line. */
const ASKABLE_REF = /^[\x21-\x7e]{1,255}$/;

/**
 * Resolves git refs to commits over git's smart HTTP protocol, version 2: `GET info/refs` to check the server
 * speaks it, then one `ls-refs` per repository (peeled, with the asked branches and every tag) answering all
 * refs asked of it. HTTPS only, plain HTTP for loopback; no REST API.
 */
export class GitClient {
  private readonly transport: Transport;
  private readonly answers = new Map<string, { at: number; refs: Promise<AdvertisedRef[]> }>();

  constructor(private readonly options: GitClientOptions = {}) {
    this.transport = options.transport ?? new Transport(DEFAULT_TRANSPORT);
  }

  /** Each of `refs` in the repository at `repositoryUrl`, as a commit or the reason it could not be found. */
  async resolve(repositoryUrl: string, refs: readonly string[]): Promise<Map<string, RefResult>> {
    const results = new Map<string, RefResult>();
    const askable = refs.filter((ref) => ASKABLE_REF.test(ref));
    for (const ref of refs) if (!askable.includes(ref)) results.set(ref, { ok: false, reason: 'ref-unknown', message: `${JSON.stringify(ref)} is not a ref name that can be looked up` });
    if (askable.length === 0) return results;
    let advertised: AdvertisedRef[];
    try {
      advertised = await this.refsOf(repositoryUrl, askable);
    } catch (error) {
      const failure = asGitFailure(error);
      for (const ref of askable) results.set(ref, { ok: false, reason: failure.reason, message: `cannot resolve ${ref} in ${repositoryUrl}: ${failure.message}` });
      return results;
    }
    for (const ref of askable) {
      const resolution = resolveRef(advertised, ref);
      results.set(ref, resolution ? { ok: true, ...resolution } : { ok: false, reason: 'ref-unknown', message: `${repositoryUrl} has no branch or tag named ${ref}` });
    }
    return results;
  }

  /** Every tag of the repository at `repositoryUrl` (annotated ones peeled), or the reason they could not be listed. */
  async tags(repositoryUrl: string): Promise<TagsResult> {
    try {
      const refs = await this.refsOf(repositoryUrl, []);
      return { ok: true, tags: refs.filter((ref) => ref.name.startsWith('refs/tags/')) };
    } catch (error) {
      const failure = asGitFailure(error);
      return { ok: false, reason: failure.reason, message: `cannot list the tags of ${repositoryUrl}: ${failure.message}` };
    }
  }

  private refsOf(repositoryUrl: string, refs: readonly string[]): Promise<AdvertisedRef[]> {
    const key = `${repositoryUrl}\n${[...refs].sort().join('\n')}`;
    const ttl = this.options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    const known = this.answers.get(key);
    if (known && Date.now() - known.at < ttl) return known.refs;
    const answer = this.lsRefs(repositoryUrl, refs);
    this.answers.set(key, { at: Date.now(), refs: answer });
    answer.catch(() => this.answers.delete(key));
    return answer;
  }

  private async lsRefs(repositoryUrl: string, refs: readonly string[]): Promise<AdvertisedRef[]> {
    const base = repositoryBase(repositoryUrl);
    const where = base.href.replace(/\/$/, '');
    const advertisement = await this.send('GET', new URL('info/refs?service=git-upload-pack', base), where);
    expectType(advertisement, ADVERTISEMENT_TYPE, where);
    checkAdvertisement(readPacketsOf(advertisement, where), where);
    const body = [
      pktLine('command=ls-refs\n'),
      pktLine('agent=driftless\n'),
      pktLine('object-format=sha1\n'),
      DELIM,
      pktLine('peel\n'),
      pktLine('symrefs\n'),
      ...refs.map((ref) => pktLine(`ref-prefix refs/heads/${ref}\n`)),
      pktLine('ref-prefix refs/tags/\n'),
      FLUSH,
    ].join('');
    const answer = await this.send('POST', new URL('git-upload-pack', base), where, body);
    expectType(answer, RESULT_TYPE, where);
    return parseLsRefs(readPacketsOf(answer, where), where);
  }

  private async send(method: 'GET' | 'POST', url: URL, where: string, body?: string): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'Git-Protocol': 'version=2' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-git-upload-pack-request';
      headers.Accept = RESULT_TYPE;
    }
    const credential = this.options.credentials?.find((c) => c.host.toLowerCase() === url.host.toLowerCase());
    if (credential) headers.Authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
    const response = await this.transport.send({ method, url, headers, body, service: 'git server' });
    if (response.status === 200) return response;
    if (response.status === 401 || response.status === 403) {
      throw new GitFailure('unauthorized', `${where} needs credentials${credential ? ' (the ones configured for its host were refused)' : ''} (HTTP ${response.status})`);
    }
    if (response.status === 404) throw new GitFailure('repository-unknown', `${where} is not a repository (HTTP 404)`);
    if (response.status >= 300 && response.status < 400) throw new GitFailure('server-error', `${where} redirects (HTTP ${response.status}); use the repository's own URL`);
    throw new GitFailure('server-error', `${where} answered HTTP ${response.status}`);
  }
}

/** The repository URL with a trailing slash, so `info/refs` resolves under it; HTTPS, or plain HTTP to loopback only. */
function repositoryBase(repositoryUrl: string): URL {
  let url: URL;
  try {
    url = new URL(repositoryUrl);
  } catch {
    throw new GitFailure('malformed', `${repositoryUrl} is not a URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.host))) {
    throw new GitFailure('insecure-transport', `${url.origin} is not HTTPS (plain HTTP is allowed to loopback only)`);
  }
  if (url.username || url.password || url.search || url.hash) throw new GitFailure('malformed', 'a repository URL carries no credentials, query or fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function expectType(response: HttpResponse, type: string, where: string): void {
  const contentType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
  if (contentType === type) return;
  const shown = /^[\w.+-]+\/[\w.+-]+$/.test(contentType) ? contentType : 'another content type';
  throw new GitFailure('malformed', `${where} answered with ${shown}, not ${type}: not a git smart-HTTP server`);
}

function readPacketsOf(response: HttpResponse, where: string) {
  try {
    return readPackets(response.body);
  } catch (error) {
    throw new GitFailure('malformed', `${where} sent a malformed pkt-line stream: ${(error as Error).message}`);
  }
}

function asGitFailure(error: unknown): GitFailure {
  if (error instanceof GitFailure) return error;
  if (error instanceof RegistryFailure) {
    const reason = error.reason === 'timeout' || error.reason === 'tls' ? error.reason : 'unreachable';
    return new GitFailure(reason, error.message);
  }
  throw error;
}
