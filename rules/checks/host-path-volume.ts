import type { Rule, RuleFinding } from '../types';

/** A Kubernetes `hostPath` volume. */
export const hostPathVolume: Rule = {
  id: 'host-path-volume',
  title: 'hostPath volume',
  severity: { deploy: 'warning' },
  summary: 'A pod volume of type `hostPath`: state that lives on the node.',
  docs: [
    'A `hostPath` volume reads and writes files on whichever node the pod lands on. What the pod sees',
    'depends on that node\'s history, not on what was deployed, and what it writes outlives the pod.',
    '',
    'Use a ConfigMap, Secret or image layer for read-only inputs, an `emptyDir` for scratch space and a',
    'PersistentVolumeClaim for state that must survive.',
  ].join('\n'),
  check(facts) {
    return facts.hostPathVolumes.map(
      (volume): RuleFinding => ({
        span: volume.span,
        message: 'hostPath volume: the pod depends on, and writes to, state that lives on the node. Use a ConfigMap, emptyDir or PersistentVolumeClaim instead.',
        fixes: [],
      }),
    );
  },
};
