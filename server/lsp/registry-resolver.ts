import { createResolver, type Resolver } from '../registry';
import type { DigestResolver } from './pinning';

/** The registry client behind the editor's pin actions; one client per set of insecure registries, one shared cache. */
export function registryResolver(): DigestResolver {
  const clients = new Map<string, Resolver>();
  return async (reference, { platform, insecureRegistries = [] }) => {
    const key = [...insecureRegistries].sort().join(',');
    let client = clients.get(key);
    if (!client) {
      client = createResolver({ insecureRegistries });
      clients.set(key, client);
    }
    const result = await client.resolve(reference, platform ? { platform } : {});
    if (!result.ok) return { ok: false, message: result.message };
    return { ok: true, digest: platform ? (result.platformDigest ?? result.digest) : result.digest };
  };
}
