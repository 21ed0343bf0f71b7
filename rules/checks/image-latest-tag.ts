import type { Rule, RuleFinding } from '../types';
import { BUILT_HERE_DOCS, DIGEST_PIN_FIX, imageNotes, imageWhere, pinToDigest } from './image-pin';

/** `FROM ubuntu`, `image: nginx:latest`: an image pinned to nothing. */
export const imageLatestTag: Rule = {
  id: 'image-latest-tag',
  title: 'Image pinned to nothing (latest)',
  severity: { dockerfile: 'warning', deploy: 'error', host: 'error', terraform: 'error', ci: 'warning', puppet: 'error' },
  summary: 'An image reference with no tag or the `:latest` tag, and no digest.',
  docs: [
    'A reference without a tag means `:latest`, and `latest` is whatever was pushed last. A rebuild of the',
    'same Dockerfile, a restarted pod or a rerun play can get a different image, with a different OS, runtime',
    'or major version, and nothing in the code shows that it changed.',
    '',
    'Pin the image to a digest (`ubuntu:24.04@sha256:…`): the digest names exact bytes. Keep a tag next to it',
    'for the reader, and move it forward deliberately (Renovate and Dependabot update pinned digests).',
    '',
    BUILT_HERE_DOCS,
  ].join('\n'),
  fix: DIGEST_PIN_FIX,
  check(facts) {
    const findings: RuleFinding[] = [];
    for (const image of facts.images) {
      if (image.builtBy || image.digest !== undefined || (image.tag !== undefined && image.tag !== 'latest')) continue;
      const what = image.tag === undefined ? `has no tag, so it means \`:latest\`` : 'uses the `:latest` tag';
      findings.push({
        span: image.span,
        message: `The ${imageWhere(image)} \`${image.text}\` ${what}: whatever was pushed last. Pin it to a digest (\`name:tag@sha256:…\`).${imageNotes(image)}`,
        fixes: pinToDigest(image),
      });
    }
    return findings;
  },
};
