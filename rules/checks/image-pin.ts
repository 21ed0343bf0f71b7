import type { DigestFix, FixDeclaration, ImageRef } from '../types';

/** The image rules' fix: write the digest the reference resolves to. */
export const DIGEST_PIN_FIX: FixDeclaration = {
  needs: 'network',
  safe: true,
  why: 'The digest written is the one the reference points to now: the next pull gets the bytes a pull gets today, and the tag stays for the reader.',
};

/** What the image rules leave alone (`ImageRef.builtBy`), for their documentation. */
export const BUILT_HERE_DOCS = [
  'Images the repository builds itself are left to the pipeline that builds them: Skaffold artifacts (the nearest',
  '`skaffold.yaml`), an Ansible `docker_image` build in the same file, a Kustomize `newTag` placeholder such as',
  '`CONTAINER_IMAGES_TAG` or `${TAG}` that CI substitutes, and compose services with `build:`.',
].join('\n');

/** The digest fix for an image rule: resolve the reference and write `@sha256:…` after it (the tag stays). */
export function pinToDigest(image: ImageRef): DigestFix[] {
  if (!image.pin) return [];
  const fix: DigestFix = { kind: 'digest', title: `Pin ${image.text} to digest`, image: image.text, edits: image.pin };
  if (image.platform) fix.platform = image.platform;
  return [fix];
}

/** What the message adds when the reference cannot be pinned automatically, or carries a note. */
export function imageNotes(image: ImageRef): string {
  const notes = [image.note, image.pinBlocker && `It cannot be pinned automatically: ${image.pinBlocker}.`].filter(Boolean);
  return notes.length > 0 ? ` ${notes.join(' ')}` : '';
}

/** Where an image is used, for messages. */
export function imageWhere(image: ImageRef): string {
  switch (image.source) {
    case 'from':
      return 'base image';
    case 'copy-from':
      return 'image copied from';
    case 'mount-from':
      return 'image mounted from';
    case 'syntax':
      return 'Dockerfile frontend image';
    default:
      return 'image';
  }
}
