import type { DriftlessConfig } from '../../rules/config';
import type { CommitFix } from '../../rules/types';
import { GitClient, type GitCredential } from '../git/client';
import type { Transport } from '../registry/transport';
import { commitFixResolver, DEFAULT_GITHUB_URL } from './commit';
import type { FixResolver } from './resolver';

export interface GitHubSetting {
  /** `github.url`; default https://github.com. */
  url?: string;
  /** `github.token`, else the environment's: sent as Basic credentials to that URL's host only. */
  token?: string;
}

/** Basic credentials for the GitHub host, as git sends a token: to that host, and to no other. */
export function githubCredentials(setting: GitHubSetting): GitCredential[] {
  if (!setting.token) return [];
  return [{ host: new URL(setting.url ?? DEFAULT_GITHUB_URL).host, username: 'x-access-token', password: setting.token }];
}

/** The setting a file's `.driftless.yaml` and the environment give: the file's token wins over the environment's. */
export function githubSetting(config: DriftlessConfig['github'], environmentToken: string | undefined): GitHubSetting {
  const token = config?.token ?? environmentToken;
  return { ...(config?.url ? { url: config.url } : {}), ...(token ? { token } : {}) };
}

/**
 * Commit resolvers for a GitHub setting: one git client per setting (its credentials for its own host, its cache of
 * answers), and a fresh resolver per run or request, so a batch of refs never outlives it.
 */
export class CommitResolvers {
  private readonly clients = new Map<string, GitClient>();

  constructor(private readonly transport?: Transport) {}

  for(setting: GitHubSetting): FixResolver<CommitFix> {
    return commitFixResolver(this.client(setting), { githubUrl: setting.url });
  }

  /** The git client for a setting, shared by its resolvers (and the hover's tag lookups). */
  client(setting: GitHubSetting): GitClient {
    const key = `${setting.url ?? ''}\n${setting.token ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new GitClient({ credentials: githubCredentials(setting), ...(this.transport ? { transport: this.transport } : {}) });
      this.clients.set(key, client);
    }
    return client;
  }
}
