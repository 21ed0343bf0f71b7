import type { Rule, RuleFinding } from '../types';

/** A Kubernetes container without `securityContext.readOnlyRootFilesystem: true`. */
export const writableRootFilesystem: Rule = {
  id: 'writable-root-filesystem',
  title: 'Container root filesystem is writable',
  severity: { deploy: 'warning' },
  summary: 'A container (also init and ephemeral containers) without `securityContext.readOnlyRootFilesystem: true`.',
  docs: [
    'A writable root filesystem lets the running container change itself: a package installed, a binary',
    'patched or a config file edited in a live pod is drift nobody reviewed, and it vanishes on restart.',
    '',
    'Set `securityContext.readOnlyRootFilesystem: true` and give the paths that must be written (`/tmp`,',
    'caches) an `emptyDir` volume.',
  ].join('\n'),
  fix: {
    needs: 'local',
    safe: false,
    why: 'A read-only root filesystem crashes a container that writes outside its volumes (to `/tmp`, a cache or its own config).',
    consequence: 'the container must not write outside its volumes',
  },
  check(facts) {
    return facts.containers
      .filter((c) => !c.readOnlyRootFilesystem)
      .map(
        (container): RuleFinding => ({
          span: container.span,
          message:
            'Container root filesystem is writable: the running container can change itself. Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it must write.',
          fixes: container.fix ? [container.fix] : [],
        }),
      );
  },
};
