import type { DigestFix, ImageRef, Rule, RuleFinding } from '../types';
import { DIGEST_PIN_FIX } from './image-pin';

function digestFix(image: ImageRef): DigestFix[] {
  if (!image.pin) return [];
  return [{ kind: 'digest', title: `Pin ${image.text} to its digest`, image: image.text, edits: image.pin }];
}

/** `imagePullPolicy: Always` / compose `pull_policy: always` on an image with no digest. */
export const pullAlwaysMutable: Rule = {
  id: 'pull-always-mutable',
  title: 'Image pulled on every start without a digest',
  severity: { deploy: 'warning', terraform: 'warning' },
  summary: '`imagePullPolicy: Always` (compose `pull_policy: always`) on an image that has no `@sha256:` digest.',
  docs: [
    'With a pull policy of `Always`, every container start asks the registry what the tag points to *now*.',
    'Without a digest, a restart, a reschedule or a scale-up may run different bytes from the pods beside it:',
    'the deployment drifts without anyone changing it.',
    '',
    'Pin the image to its digest (`nginx:1.25@sha256:…`). The pull policy can stay: pulling a digest',
    'always yields the same bytes.',
  ].join('\n'),
  fix: DIGEST_PIN_FIX,
  check(facts) {
    const findings: RuleFinding[] = [];
    for (const image of facts.images) {
      if (!image.pullAlways || image.digest || image.builtBy) continue;
      const policy = image.source === 'compose' ? '`pull_policy: always`' : 'pull policy `Always`';
      findings.push({
        span: image.pullAlways,
        message: `${policy} on ${image.text}, which has no digest: each restart may pull and run different bytes. Pin the image to its digest.`,
        fixes: digestFix(image),
      });
    }
    return findings;
  },
};
