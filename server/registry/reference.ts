import { parseImageReference } from '../../rules/image-reference';

/** An image reference normalised the way Docker does before it talks to a registry. */
export interface RegistryReference {
  /** The reference as written, e.g. `nginx:1.25`. */
  written: string;
  /** The registry as users name it (`docker.io`, `ghcr.io`, `localhost:5000`); credentials are keyed by it. */
  registry: string;
  /** The host[:port] the API is served from (`registry-1.docker.io` for Docker Hub). */
  apiHost: string;
  /** Full repository path, lower case, with `library/` for Docker Hub one-component names. */
  repository: string;
  /** The tag to resolve; `latest` when the reference has neither tag nor digest. */
  tag: string;
  /** A digest already present in the reference. */
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';
export const DOCKER_HUB_API = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io', DOCKER_HUB_API]);

export function isDockerHub(registry: string): boolean {
  return DOCKER_HUB_ALIASES.has(registry.toLowerCase());
}

/** Normalises a reference (`nginx` -> docker.io/library/nginx:latest); undefined when it is not a valid reference. */
export function normalizeReference(written: string): RegistryReference | undefined {
  const parsed = parseImageReference(written.trim());
  if (!parsed) return undefined;
  const registry = (parsed.registry ?? DOCKER_HUB).toLowerCase();
  const hub = isDockerHub(registry);
  let repository = parsed.repository.toLowerCase();
  if (hub && !repository.includes('/')) repository = `library/${repository}`;
  return {
    written,
    registry: hub ? DOCKER_HUB : registry,
    apiHost: hub ? DOCKER_HUB_API : registry,
    repository,
    tag: parsed.tag ?? 'latest',
    ...(parsed.digest ? { digest: parsed.digest } : {}),
  };
}

/** `host/repo:tag` for messages and cache keys. */
export function canonicalName(ref: RegistryReference): string {
  return `${ref.registry}/${ref.repository}:${ref.tag}`;
}

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

/** The hostname without port or IPv6 brackets. */
export function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon >= 0 && host.indexOf(':') === colon ? host.slice(0, colon) : host;
}

/** Loopback registries may be reached over plain HTTP (as Docker allows). */
export function isLoopback(host: string): boolean {
  const name = hostnameOf(host).toLowerCase();
  return name === 'localhost' || name === '::1' || LOOPBACK_V4.test(name);
}
