import type { Rule, RuleFinding } from '../types';

/** `aws_ecr_repository` whose tags can be overwritten. */
export const registryTagsMutable: Rule = {
  id: 'registry-tags-mutable',
  title: 'Registry repository with mutable tags',
  severity: { terraform: 'warning' },
  summary: '`aws_ecr_repository` with `image_tag_mutability = "MUTABLE"`, or without it (mutable is the default).',
  docs: [
    'In a repository with mutable tags, pushing `app:1.4.0` again replaces what the tag names: every',
    'manifest, task definition or pod that says `app:1.4.0` may now run other bytes, and a rollback to the tag',
    'does not roll back.',
    '',
    'Make the tags immutable (`image_tag_mutability = "IMMUTABLE"`) and give each build a new tag. A pipeline',
    'that re-pushes a moving tag (`latest`, a branch name) fails until it stops doing so, which is why the',
    'fix is not applied automatically.',
  ].join('\n'),
  fix: {
    needs: 'local',
    safe: false,
    why: 'An immutable repository rejects a push to a tag it holds: a pipeline that re-pushes `latest` or a branch tag fails until it tags each build anew.',
    consequence: 'every pipeline must push each build under a new tag',
  },
  check(facts) {
    return facts.imageRepositories.map(
      (repository): RuleFinding => ({
        span: repository.span,
        message:
          repository.mutability === undefined
            ? `The ECR repository${repository.name ? ` \`${repository.name}\`` : ''} has no \`image_tag_mutability\`: tags are mutable by default, so a re-push changes what a tag runs. Set it to "IMMUTABLE".`
            : `The ECR repository${repository.name ? ` \`${repository.name}\`` : ''} is \`${repository.mutability}\`: a re-push changes what a tag runs. Set it to "IMMUTABLE".`,
        fixes: repository.fix ? [repository.fix] : [],
      }),
    );
  },
};
