import type { Challenge } from './challenge';
import { type Credential, type CredentialStore } from './credentials';
import { RegistryFailure } from './failure';
import { hostnameOf, isLoopback } from './reference';
import type { Transport } from './transport';

/**
 * What a request to the registry should carry. `via` says, for 401/403 messages, what the header was
 * obtained with, or (without a header) why there is none.
 */
export interface Authorization {
  header?: string;
  via: string;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Seconds a token is assumed valid when the token server does not say (the Distribution default). */
const DEFAULT_TOKEN_SECONDS = 60;

/**
 * Credentials may cross plain HTTP only to loopback, and go to a token realm on another host only over HTTPS
 * and only when the challenge naming it came over HTTPS (a plain-HTTP answer may have been written by anyone
 * on the way): a string says why they are withheld.
 */
export function credentialBarrier(target: URL, registryOrigin: URL): string | undefined {
  const sameHost = hostnameOf(target.host).toLowerCase() === hostnameOf(registryOrigin.host).toLowerCase();
  if (registryOrigin.protocol !== 'https:' && !sameHost) {
    return `not sent to ${target.host}: the challenge naming it came over plain HTTP from ${registryOrigin.host}`;
  }
  if (target.protocol === 'https:') return undefined;
  if (!isLoopback(target.host)) return `not sent over plain HTTP to ${target.host}`;
  if (!sameHost) return `not sent over plain HTTP to ${target.host}, another host than the registry`;
  return undefined;
}

/** What may follow `Bearer ` in a header: RFC 6750's token68 characters, leniently any visible ASCII. */
const TOKEN_VALUE = /^[\x21-\x7e]+$/;

/** Answers Bearer and Basic challenges; tokens are cached until they expire. */
export class Authenticator {
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    private readonly transport: Transport,
    private readonly credentials: CredentialStore,
  ) {}

  /** Forgets the tokens for a scope (after a registry rejected one). */
  forget(challenge: Challenge, repository: string): void {
    const prefix = `${challenge.params.realm}|${challenge.params.service ?? ''}|repository:${repository}:pull|`;
    for (const key of this.tokens.keys()) if (key.startsWith(prefix)) this.tokens.delete(key);
  }

  async authorize(challenge: Challenge, registry: string, registryOrigin: URL, repository: string, signal?: AbortSignal): Promise<Authorization> {
    const lookup = await this.credentials.lookup(registry);
    const tried = lookup.tried.join('; ');
    const credential = lookup.credential;
    if (challenge.scheme === 'basic') {
      if (!credential) return { via: `none found (tried ${tried})` };
      const barrier = credentialBarrier(registryOrigin, registryOrigin);
      if (barrier) return { via: `credentials from ${credential.source} ${barrier}` };
      if (credential.identityToken) return { via: `${credential.source} holds an identity token, which Basic auth cannot use` };
      return { header: basic(credential), via: `credentials from ${credential.source}` };
    }
    const realm = challenge.params.realm;
    if (!realm) throw new RegistryFailure('malformed', `${registry} sent a Bearer challenge without a realm`);
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm);
    } catch {
      throw new RegistryFailure('malformed', `${registry} sent a Bearer challenge with an invalid realm ${JSON.stringify(realm)}`);
    }
    if (realmUrl.protocol !== 'https:' && realmUrl.protocol !== 'http:') {
      throw new RegistryFailure('malformed', `${registry} sent a Bearer challenge whose realm is not an HTTP(S) address (${realmUrl.protocol})`);
    }
    const barrier = credential ? credentialBarrier(realmUrl, registryOrigin) : undefined;
    const usable = barrier ? undefined : credential;
    const via = usable
      ? `credentials from ${usable.source}`
      : credential
        ? `an anonymous request (credentials from ${credential.source} ${barrier})`
        : `an anonymous request (no credentials for ${registry}; tried ${tried})`;
    const scope = `repository:${repository}:pull`;
    const key = `${realm}|${challenge.params.service ?? ''}|${scope}|${usable?.source ?? 'anonymous'}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return { header: `Bearer ${cached.token}`, via };
    const token = await this.fetchToken(realmUrl, challenge.params.service, scope, usable, via, signal);
    this.tokens.set(key, token);
    return { header: `Bearer ${token.token}`, via };
  }

  private async fetchToken(
    realm: URL,
    service: string | undefined,
    scope: string,
    credential: Credential | undefined,
    via: string,
    signal: AbortSignal | undefined,
  ): Promise<CachedToken> {
    const url = new URL(realm);
    let response;
    if (credential?.identityToken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.secret, client_id: 'driftless', scope });
      if (service) form.set('service', service);
      response = await this.transport.send({
        method: 'POST',
        url,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal,
      });
    } else {
      if (service) url.searchParams.set('service', service);
      url.searchParams.set('scope', scope);
      response = await this.transport.send({ method: 'GET', url, headers: credential ? { Authorization: basic(credential) } : {}, signal });
    }
    if (response.status === 401 || response.status === 403) {
      throw new RegistryFailure('unauthorized', `the token server ${realm.origin} refused ${via} (HTTP ${response.status})`);
    }
    if (response.status !== 200) {
      throw new RegistryFailure('registry-error', `the token server ${realm.origin} answered HTTP ${response.status}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(response.body.toString('utf8'));
    } catch {
      throw new RegistryFailure('malformed', `the token server ${realm.origin} answered with something that is not JSON`);
    }
    const { token, access_token: accessToken, expires_in: expiresIn } = (body ?? {}) as Record<string, unknown>;
    const value = typeof token === 'string' && token ? token : typeof accessToken === 'string' && accessToken ? accessToken : undefined;
    if (!value) throw new RegistryFailure('malformed', `the token server ${realm.origin} answered without a token`);
    if (!TOKEN_VALUE.test(value)) throw new RegistryFailure('malformed', `the token server ${realm.origin} answered with a token that cannot go in a header (spaces or control characters)`);
    const seconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : DEFAULT_TOKEN_SECONDS;
    const margin = Math.min(10, seconds / 4);
    return { token: value, expiresAt: Date.now() + (seconds - margin) * 1000 };
  }
}

function basic(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.secret}`).toString('base64')}`;
}
