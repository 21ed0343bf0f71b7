import { DIGEST_PLACEHOLDER, type DigestFix, type TextEdit } from '../../rules/types';
import type { FailureReason, Resolver } from '../registry';
import { isSha256Digest } from '../registry/digest-format';
import { untrustedText } from '../untrusted-text';
import type { FixResolver } from './resolver';

/** The fix's edits with the digest written in; a digest that is not exactly `sha256:` + 64 hex is refused here, whatever its source. */
export function digestEdits(fix: Pick<DigestFix, 'edits'>, digest: string): TextEdit[] {
  if (!isSha256Digest(digest)) throw new Error(`refusing to write ${JSON.stringify(digest)}: not a sha256 digest`);
  return fix.edits.map((edit) => ({ span: edit.span, newText: edit.newText.split(DIGEST_PLACEHOLDER).join(digest) }));
}

export interface DigestPinOptions {
  /** Pin the platform's manifest instead of the multi-platform index, for fixes that name a platform. */
  usePlatformDigest?: boolean;
}

/** Resolves one fix (the editor's quick fix): the edits, or why there are none. */
export async function resolveDigestFix(
  fix: DigestFix,
  resolver: Resolver,
  options: DigestPinOptions = {},
): Promise<{ ok: true; digest: string; cached: boolean; edits: TextEdit[] } | { ok: false; reason: FailureReason; message: string }> {
  const platform = options.usePlatformDigest ? fix.platform : undefined;
  const result = await resolver.resolve(fix.image, platform ? { platform } : {});
  if (!result.ok) return result;
  const digest = (platform && result.platformDigest) || result.digest;
  if (!isSha256Digest(digest)) return { ok: false, reason: 'malformed', message: untrustedText(`${fix.image}: ${JSON.stringify(digest)} is not a sha256 digest; not written`) };
  return { ok: true, digest, cached: result.cached, edits: digestEdits(fix, digest) };
}

/** Image tag -> digest through the registry client, which verifies each digest before it answers. */
export function digestFixResolver(resolver: Resolver, options: DigestPinOptions = {}): FixResolver<DigestFix> {
  const platformOf = (fix: DigestFix): string | undefined => (options.usePlatformDigest ? fix.platform : undefined);
  return {
    noun: 'image',
    key: (fix) => `${fix.image}|${platformOf(fix) ?? ''}`,
    subject: (fix) => fix.image,
    async resolve(fix) {
      const result = await resolveDigestFix(fix, resolver, options);
      return result.ok ? { ok: true, value: result.digest, cached: result.cached } : result;
    },
    edits: (fix, answer) => digestEdits(fix, answer.value),
  };
}
