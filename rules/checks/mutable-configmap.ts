import type { Rule, RuleFinding } from '../types';

/** A ConfigMap or Secret without `immutable: true`. */
export const mutableConfigmap: Rule = {
  id: 'mutable-configmap',
  title: 'ConfigMap or Secret can be edited in place',
  severity: { deploy: 'info' },
  summary: 'A Kubernetes ConfigMap or Secret without `immutable: true`.',
  docs: [
    'A mutable ConfigMap or Secret can be edited in the cluster, and pods that mount it pick the change up',
    'at different times: the configuration that runs is no longer the one that was reviewed.',
    '',
    'Mark it `immutable: true` and roll out a change as a new object with a new name (Kustomize and Helm',
    'can add a content hash to the name). Immutable objects also take load off the API server.',
  ].join('\n'),
  fix: {
    needs: 'local',
    safe: false,
    why: 'An immutable object cannot be updated in place: the next `kubectl apply` or Helm upgrade of one kept under a fixed name fails until it is renamed or deleted.',
    consequence: 'the object must get a new name for each change (Helm and `kubectl apply` cannot update it in place)',
  },
  check(facts) {
    return facts.configObjects
      .filter((o) => !o.immutable)
      .map(
        (object): RuleFinding => ({
          span: object.span,
          message: `${object.kind} without immutable: true can be edited in place. Mark it immutable and roll out changes as a new ${object.kind} with a new name.`,
          fixes: object.fix ? [object.fix] : [],
        }),
      );
  },
};
