import type { CommitFix } from '../../rules/types';
import type { FixResolver } from '../pinning/resolver';

export type DigestLookup = { ok: true; digest: string } | { ok: false; message: string };

export interface ResolveOptions {
  /** Resolve this platform's manifest inside the index instead of the index itself. */
  platform?: string;
  insecureRegistries?: readonly string[];
}

/** Asks the image's registry what a tag points to now. */
export type DigestResolver = (reference: string, options: ResolveOptions) => Promise<DigestLookup>;

interface Resolved {
  digest: string;
  at: Date;
}

/** A commit a ref resolved to this session. */
export interface KnownCommit {
  /** `actions/checkout@v4`, or `main of <url>`. */
  subject: string;
  at: Date;
}

/** Pinning for the editor: lookups through the registry client, and what was looked up already (for hover). */
export class Pinner {
  private readonly resolved = new Map<string, Resolved>();
  private readonly commits = new Map<string, KnownCommit>();

  constructor(private readonly resolver: DigestResolver) {}

  async resolve(reference: string, options: ResolveOptions): Promise<DigestLookup> {
    const result = await this.resolver(reference, options);
    if (result.ok) this.resolved.set(key(reference, options.platform), { digest: result.digest, at: new Date() });
    return result;
  }

  /** `resolver`, remembering each commit it answers for the hover on that commit. */
  remembering(resolver: FixResolver<CommitFix>): FixResolver<CommitFix> {
    return {
      ...resolver,
      resolve: async (fix, signal) => {
        const answer = await resolver.resolve(fix, signal);
        if (answer.ok) this.commits.set(answer.value, { subject: resolver.subject(fix), at: new Date() });
        return answer;
      },
    };
  }

  /** What a commit was looked up as in this session, if it was. */
  knownCommit(commit: string): KnownCommit | undefined {
    return this.commits.get(commit.toLowerCase());
  }

  /** The digest a reference resolved to in this session, if it was looked up. */
  known(reference: string, platform?: string): Resolved | undefined {
    return this.resolved.get(key(reference, platform));
  }
}

function key(reference: string, platform: string | undefined): string {
  return platform ? `${reference} ${platform}` : reference;
}

/** Why lookups are not allowed, or undefined when they are. */
export function pinningBlocked(workspaceTrusted: boolean, allowedInUntrusted: boolean): string | undefined {
  if (workspaceTrusted || allowedInUntrusted) return undefined;
  return 'network lookups are off in an untrusted workspace (trust the workspace, or allow them with the setting driftless.pinning.allowInUntrustedWorkspace)';
}
