import { EditSet } from '../../rules/fixes';
import { applyEdits } from '../../rules/text';
import { DIGEST_PLACEHOLDER, type DigestFix, type TextEdit } from '../../rules/types';
import { untrustedText } from '../untrusted-text';
import { isSha256Digest } from './digest-format';
import type { FailureReason } from './failure';
import { mapBounded } from './limiter';
import type { Resolver } from './index';

export interface PinOptions {
  /** Lookups in flight at once (each registry further bounds its own requests). */
  concurrency?: number;
  /** Pin the platform's manifest instead of the multi-platform index, for fixes that name a platform. */
  usePlatformDigest?: boolean;
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

/** The fix's edits with the digest written in; a digest that is not exactly `sha256:` + 64 hex is refused here, whatever its source. */
export function digestEdits(fix: Pick<DigestFix, 'edits'>, digest: string): TextEdit[] {
  if (!isSha256Digest(digest)) throw new Error(`refusing to write ${JSON.stringify(digest)}: not a sha256 digest`);
  return fix.edits.map((edit) => ({ span: edit.span, newText: edit.newText.split(DIGEST_PLACEHOLDER).join(digest) }));
}

/** Resolves one fix (the editor's quick fix): the edits, or why there are none. */
export async function resolveDigestFix(
  fix: DigestFix,
  resolver: Resolver,
  options: Pick<PinOptions, 'usePlatformDigest'> = {},
): Promise<{ ok: true; digest: string; cached: boolean; edits: TextEdit[] } | { ok: false; reason: FailureReason; message: string }> {
  const platform = options.usePlatformDigest ? fix.platform : undefined;
  const result = await resolver.resolve(fix.image, platform ? { platform } : {});
  if (!result.ok) return result;
  const digest = (platform && result.platformDigest) || result.digest;
  if (!isSha256Digest(digest)) return { ok: false, reason: 'malformed', message: untrustedText(`${fix.image}: ${JSON.stringify(digest)} is not a sha256 digest; not written`) };
  return { ok: true, digest, cached: result.cached, edits: digestEdits(fix, digest) };
}

interface Group {
  image: string;
  platform?: string;
  fixes: DigestFix[];
  firstOffset: number;
}

/** Pins every image of a file: each distinct image is looked up once, a failed lookup changes nothing. */
export async function pinText(text: string, fixes: readonly DigestFix[], resolver: Resolver, options: PinOptions = {}): Promise<PinResult> {
  const groups = new Map<string, Group>();
  for (const fix of fixes) {
    const platform = options.usePlatformDigest ? fix.platform : undefined;
    const key = `${fix.image}|${platform ?? ''}`;
    const first = Math.min(...fix.edits.map((e) => e.span.start));
    const group = groups.get(key);
    if (group) {
      group.fixes.push(fix);
      group.firstOffset = Math.min(group.firstOffset, first);
    } else {
      groups.set(key, { image: fix.image, platform, fixes: [fix], firstOffset: first });
    }
  }
  const ordered = [...groups.values()].sort((a, b) => a.firstOffset - b.firstOffset);
  const resolved = await mapBounded(ordered, options.concurrency ?? 8, (group) => resolveDigestFix(group.fixes[0], resolver, options));
  const accepted = new EditSet();
  const outcomes: PinOutcome[] = ordered.map((group, i): PinOutcome => {
    const answer = resolved[i];
    const base = { image: group.image, ...(group.platform ? { platform: group.platform } : {}), offset: group.firstOffset };
    if (!answer.ok) return { ok: false, ...base, reason: answer.reason, message: answer.message };
    const clash = accepted.addUnlessClash(group.fixes.flatMap((fix) => digestEdits(fix, answer.digest)));
    if (clash) {
      return { ok: false, ...base, reason: 'conflict', message: `${group.image}: its edit at offset ${clash.span.start} clashes with another image's` };
    }
    return { ok: true, ...base, digest: answer.digest, cached: answer.cached };
  });
  return { text: applyEdits(text, accepted.edits), outcomes };
}
