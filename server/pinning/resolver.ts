import type { NetworkFix, TextEdit } from '../../rules/types';

export type NetworkFixKind = NetworkFix['kind'];
export type FixOf<K extends NetworkFixKind> = Extract<NetworkFix, { kind: K }>;

/** A lookup's verified answer: the value to write (`sha256:…`, a commit, a checksum) and what to write beside it. */
export interface Verified {
  ok: true;
  value: string;
  /** Written next to the value where the fix asks for it: the version tag of a pinned action. */
  label?: string;
  cached: boolean;
}

/** Why a reference could not be resolved; `message` names the reference and the cause. */
export interface LookupFailure {
  ok: false;
  reason: string;
  message: string;
}

export type Lookup = Verified | LookupFailure;

/** Resolves one kind of network fix: the pin pipeline calls it once per distinct lookup. */
export interface FixResolver<F extends NetworkFix = NetworkFix> {
  /** What a failure to place an edit calls the reference: `image`, `reference`, `download`. */
  readonly noun: string;
  /** Fixes with the same key are one lookup. */
  key(fix: F): string;
  /** What an outcome line names: `nginx:1.25`, `actions/checkout@v4`. */
  subject(fix: F): string;
  /** Sees every fix of a run before any is resolved, so lookups can be batched (one `ls-refs` per repository). */
  prepare?(fixes: readonly F[]): void;
  resolve(fix: F, signal?: AbortSignal): Promise<Lookup>;
  /** The fix's edits with the answer written in, after checking its exact form once more; a failure when it is not. */
  edits(fix: F, answer: Verified): TextEdit[] | LookupFailure;
}

/** One resolver per kind of fix; a kind without one is reported, never written. */
export type FixResolvers = { [K in NetworkFixKind]?: FixResolver<FixOf<K>> };

/** The resolver for `fix`'s kind, typed for it. */
export function resolverFor<F extends NetworkFix>(resolvers: FixResolvers, fix: F): FixResolver<F> | undefined {
  return resolvers[fix.kind] as FixResolver<F> | undefined;
}
