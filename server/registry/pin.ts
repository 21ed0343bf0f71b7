import type { DigestFix } from '../../rules/types';
import { pinFixes } from '../pinning/pin-fixes';
import { digestFixResolver, type DigestPinOptions } from '../pinning/digest';
import type { FailureReason } from './failure';
import type { Resolver } from './index';

export { digestEdits, resolveDigestFix } from '../pinning/digest';

export interface PinOptions extends DigestPinOptions {
  /** Lookups in flight at once (each registry further bounds its own requests). */
  concurrency?: number;
}

/** Per distinct image; `offset` is where it first appears in the file. */
export type PinOutcome =
  | { ok: true; image: string; platform?: string; offset: number; digest: string; cached: boolean }
  | { ok: false; image: string; platform?: string; offset: number; reason: FailureReason | 'conflict'; message: string };

export interface PinResult {
  /** The text with every resolved image pinned; images that failed are left exactly as they were. */
  text: string;
  /** One per distinct image, in the order they first appear in the file. */
  outcomes: PinOutcome[];
}

/** Pins every image of a file: each distinct image is looked up once, a failed lookup changes nothing. */
export async function pinText(text: string, fixes: readonly DigestFix[], resolver: Resolver, options: PinOptions = {}): Promise<PinResult> {
  const result = await pinFixes(text, fixes, { digest: digestFixResolver(resolver, options) }, { concurrency: options.concurrency });
  const outcomes = result.outcomes.map((outcome): PinOutcome => {
    const fix = outcome.fix as DigestFix;
    const platform = options.usePlatformDigest ? fix.platform : undefined;
    const base = { image: fix.image, ...(platform ? { platform } : {}), offset: outcome.offset };
    if (!outcome.ok) return { ok: false, ...base, reason: outcome.reason as FailureReason | 'conflict', message: outcome.message };
    return { ok: true, ...base, digest: outcome.value, cached: outcome.cached };
  });
  return { text: result.text, outcomes };
}
