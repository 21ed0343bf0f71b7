import assert from 'node:assert/strict';
import { EditSet } from '../../rules/fixes';
import { applyEdits } from '../../rules/text';
import type { Fix } from '../../rules/types';
import { checksumEdits } from '../../server/pinning/checksum';
import { commitEdits } from '../../server/pinning/commit';
import { digestEdits } from '../../server/registry/pin';

/** What a registry would answer; any well-formed sha256 digest does for the edits. */
export const SAMPLE_DIGEST = `sha256:${'ab12'.repeat(16)}`;
/** What a git server would answer for a ref, and the tag on that commit. */
export const SAMPLE_COMMIT = 'cd34'.repeat(10);
export const SAMPLE_TAG = 'v1.2.3';

/** What a download would hash to; any 64 lower-case hex digits do for the edits. */
export const SAMPLE_CHECKSUM = 'cd34'.repeat(16);

/**
 * Applies one fix as `--fix`, fix-all and `--pin` do: its edits go through the engine's EditSet (a fix whose own
 * edits clash fails the test) and applyEdits. A digest fix gets SAMPLE_DIGEST, a commit fix SAMPLE_COMMIT and SAMPLE_TAG,
 * a checksum fix SAMPLE_CHECKSUM.
 */
export function applyFix(text: string, fix: Fix): string {
  const edits =
    fix.kind === 'digest'
      ? digestEdits(fix, SAMPLE_DIGEST)
      : fix.kind === 'commit'
        ? commitEdits(fix, { value: SAMPLE_COMMIT, label: SAMPLE_TAG })
        : fix.kind === 'checksum'
          ? checksumEdits(fix, SAMPLE_CHECKSUM)
          : fix.edits;
  assert.ok(Array.isArray(edits), `"${fix.title}": ${JSON.stringify(edits)}`);
  const taken = new EditSet();
  const clash = taken.addUnlessClash(edits);
  assert.equal(clash, undefined, `"${fix.title}": its edit at offset ${clash?.span.start} clashes with another of its own`);
  return applyEdits(text, taken.edits);
}
