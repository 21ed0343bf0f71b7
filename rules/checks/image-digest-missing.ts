import type { Rule, RuleFinding } from '../types';
import { BUILT_HERE_DOCS, DIGEST_PIN_FIX, imageNotes, imageWhere, pinToDigest } from './image-pin';

/** `FROM nginx:1.25`: a tag, which the registry can move, and no digest. */
export const imageDigestMissing: Rule = {
  id: 'image-digest-missing',
  title: 'Image tag without a digest',
  severity: { dockerfile: 'info', deploy: 'warning', host: 'warning', terraform: 'warning', ci: 'info', puppet: 'warning' },
  summary: 'An image reference with a tag (other than `latest`) but no `@sha256:` digest.',
  docs: [
    'A tag is a pointer the publisher can move: `nginx:1.25` is rebuilt for every patch release and base',
    'image update, so the same reference pulls different bytes from one week to the next.',
    '',
    'Add the digest and keep the tag (`nginx:1.25@sha256:…`): the digest decides what is pulled, the tag tells',
    'the reader what it is. Update both together through a reviewed change.',
    '',
    BUILT_HERE_DOCS,
  ].join('\n'),
  fix: DIGEST_PIN_FIX,
  check(facts) {
    const findings: RuleFinding[] = [];
    for (const image of facts.images) {
      if (image.builtBy || image.digest !== undefined || image.tag === undefined || image.tag === 'latest') continue;
      findings.push({
        span: image.span,
        message: `The ${imageWhere(image)} \`${image.text}\` has a tag but no digest: the tag can move under you. Pin it to its digest, keeping the tag (\`${image.text}@sha256:…\`).${imageNotes(image)}`,
        fixes: pinToDigest(image),
      });
    }
    return findings;
  },
};
