import type { AmiLookup, Rule, RuleFinding } from '../types';

function message(lookup: AmiLookup): string {
  const instead = 'Take the AMI ID from the image pipeline as a variable (or pin the exact ID).';
  if (lookup.how === 'ssm-parameter') {
    return `The AMI comes from the SSM parameter \`${lookup.pattern}\`, which AWS moves to each new image: a plan after the next release replaces the instances. ${instead}`;
  }
  const name = lookup.pattern === undefined ? 'any name' : `\`${lookup.pattern}\``;
  const who = lookup.owned ? '' : ' No `owners` limits who published it: anyone can publish an AMI by that name.';
  return `\`most_recent = true\` picks the newest AMI matching ${name} at each plan: the image changes without a change in the code.${who} ${instead}`;
}

/** `data "aws_ami"` with `most_recent` and a wildcard name, an SSM `/latest` AMI parameter. */
export const amiFloating: Rule = {
  id: 'ami-floating',
  title: 'AMI chosen anew at each plan',
  severity: { terraform: 'warning' },
  summary: '`data "aws_ami"` with `most_recent = true` and a wildcard or no `name` filter, or an AMI read from an SSM `/latest` parameter.',
  docs: [
    'A data source that picks "the most recent image named ubuntu-*" answers differently after each release:',
    'the next `terraform apply` replaces every instance with one booting an image nobody tested. Without',
    '`owners` (or an `owner-id`/`owner-alias` filter) the newest matching image can be anyone\'s, so that',
    'case is an error. SSM parameters such as `/aws/service/…/latest` and EKS\'s `…/recommended/image_id`',
    'move the same way.',
    '',
    'Build images in a pipeline and pass the AMI ID in as a variable (or pin it); an exact `name` with',
    '`owners` is silent.',
  ].join('\n'),
  check(facts) {
    return facts.amiLookups.map(
      (lookup): RuleFinding => ({
        span: lookup.span,
        message: message(lookup),
        fixes: [],
        severity: lookup.owned ? undefined : 'error',
      }),
    );
  },
};
