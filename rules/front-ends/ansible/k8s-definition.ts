import { isMap, isSeq } from 'yaml';
import { emptyFacts, type Facts } from '../../types';
import { addKubernetesObject, isKubernetesObject } from '../kubernetes/object';
import type { YamlView } from '../../yaml/nodes';
import type { Task } from './tasks';
import { appendAll } from '../../arrays';

const K8S_MODULES = new Set(['k8s', 'kubernetes']);

/**
 * Images of the Kubernetes objects a `k8s` task writes inline (`definition:` as a mapping or a list of
 * them), read by the Kubernetes front end's own walker. Only images and statements are kept: the
 * Kubernetes-only rules (read-only root, immutable ConfigMaps) have no Ansible column.
 */
export function addKubernetesDefinitions(view: YamlView, task: Task, facts: Facts): void {
  if (!K8S_MODULES.has(task.module) || task.args.get('state')?.value === 'absent') return;
  const definition = task.args.get('definition')?.node;
  const objects = isSeq(definition) ? definition.items : [definition];
  for (const object of objects) {
    const map = view.map(object);
    if (!isMap(map) || !isKubernetesObject(view, map)) continue;
    const scratch = emptyFacts('ansible');
    addKubernetesObject(view, map, scratch);
    appendAll(facts.images, scratch.images);
    appendAll(facts.statements, scratch.statements);
    appendAll(facts.scopedSuppressions, scratch.scopedSuppressions);
  }
}
