import { isScalar, type YAMLMap } from 'yaml';
import type { Facts, LocalFix, Span } from '../../types';
import { fillNullEdit, insertPairEdit, setScalarEdit } from '../../yaml/edit';
import { addImageOnce, imageFromScalar } from '../../yaml/image-scalar';
import { isNullScalar, type YamlPair, type YamlView } from '../../yaml/nodes';

type Map_ = YAMLMap<unknown, unknown>;

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
const KUBE_LINTER_IGNORE = 'ignore-check.kube-linter.io/';
const CHECKOV_SKIP = /^checkov\.io\/skip\d*$/;

/** True when the map looks like a Kubernetes object: it has `apiVersion` and `kind`. */
export function isKubernetesObject(view: YamlView, map: Map_ | undefined): boolean {
  return map !== undefined && view.get(map, 'apiVersion') !== undefined && view.get(map, 'kind') !== undefined;
}

/**
 * Adds one Kubernetes object's facts: images, containers, ConfigMap/Secret immutability, hostPath
 * volumes, the object and its containers as statements, and its suppression annotations.
 * `List` kinds recurse into their items. A `patch` (a Kustomize patch, merged onto a base) is judged only by
 * what it sets: a key it leaves out (`immutable`, `readOnlyRootFilesystem`) is the base's to say.
 */
export function addKubernetesObject(view: YamlView, object: Map_, facts: Facts, patch = false): void {
  const span = view.span(object);
  if (!span) return;
  facts.statements.push(span);
  addAnnotationSuppressions(view, object, span, facts);
  const kind = view.str(object, 'kind');
  const items = view.getSeq(object, 'items');
  if (kind !== undefined && kind.endsWith('List') && items) {
    for (const item of items.items) {
      const map = view.map(item);
      if (isKubernetesObject(view, map)) addKubernetesObject(view, map!, facts, patch);
    }
    return;
  }
  // The token controller writes a service-account token Secret's data after it is created.
  const filledByController = kind === 'Secret' && view.str(object, 'type') === 'kubernetes.io/service-account-token';
  if ((kind === 'ConfigMap' || kind === 'Secret') && !filledByController) addConfigObject(view, object, kind, facts, patch);
  for (const podSpec of podSpecsOf(view, object, kind)) addPodSpec(view, podSpec, facts, patch);
}

/** `spec` of a Pod, `template.spec` of a PodTemplate, and any `spec.template.spec` / `spec.jobTemplate.spec.template.spec`. */
function podSpecsOf(view: YamlView, object: Map_, kind: string | undefined): Map_[] {
  const found = [
    kind === 'Pod' ? view.getMap(object, 'spec') : undefined,
    kind === 'PodTemplate' ? view.path(object, 'template', 'spec') : undefined,
    view.path(object, 'spec', 'template', 'spec'),
    view.path(object, 'spec', 'jobTemplate', 'spec', 'template', 'spec'),
  ];
  return [...new Set(found.filter((m): m is Map_ => m !== undefined))];
}

function addAnnotationSuppressions(view: YamlView, object: Map_, span: Span, facts: Facts): void {
  const annotations = view.path(object, 'metadata', 'annotations');
  if (!annotations) return;
  const ids: string[] = [];
  for (const pair of view.pairs(annotations)) {
    const key = view.keyOf(pair) ?? '';
    if (key.startsWith(KUBE_LINTER_IGNORE)) ids.push(key.slice(KUBE_LINTER_IGNORE.length));
    else if (CHECKOV_SKIP.test(key)) {
      const value = view.literal(view.scalar(pair.value));
      if (value) ids.push(value.split('=')[0].trim());
    }
  }
  if (ids.length > 0) facts.scopedSuppressions.push({ span, ids });
}

function addConfigObject(view: YamlView, object: Map_, kind: 'ConfigMap' | 'Secret', facts: Facts, patch: boolean): void {
  const kindScalar = view.getScalar(object, 'kind');
  const kindSpan = kindScalar && view.innerSpan(kindScalar);
  if (!kindSpan || view.mayHaveTemplatedKeys(object)) return;
  const immutablePair = view.get(object, 'immutable');
  if (immutablePair) {
    const scalar = view.scalar(immutablePair.value);
    const value = view.bool(scalar);
    if (value === undefined || !scalar) return;
    const fix = value || !ownPair(object, immutablePair) ? undefined : localFix(view, 'Set immutable: true', () => setScalarEdit(view, scalar, 'true'));
    facts.configObjects.push({ kind, span: kindSpan, immutable: value, fix });
    return;
  }
  if (patch) return;
  const after = ownPairNamed(view, object, 'metadata') ?? ownPairNamed(view, object, 'kind');
  const fix = localFix(view, 'Add immutable: true', () => insertPairEdit(view, object, 'immutable', 'true', after));
  facts.configObjects.push({ kind, span: kindSpan, immutable: false, fix });
}

function addPodSpec(view: YamlView, podSpec: Map_, facts: Facts, patch: boolean): void {
  for (const list of CONTAINER_LISTS) {
    for (const item of view.getSeq(podSpec, list)?.items ?? []) {
      const container = view.map(item);
      if (container) addContainer(view, container, facts, patch);
    }
  }
  for (const item of view.getSeq(podSpec, 'volumes')?.items ?? []) {
    const volume = view.map(item);
    const volumeSpan = view.span(volume);
    if (volumeSpan) facts.statements.push(volumeSpan);
    const hostPath = view.get(volume, 'hostPath');
    const key = hostPath && view.scalar(hostPath.key);
    const span = key && view.span(key);
    if (span) facts.hostPathVolumes.push({ span });
  }
}

function addContainer(view: YamlView, container: Map_, facts: Facts, patch: boolean): void {
  const span = view.span(container);
  if (span) facts.statements.push(span);
  const image = imageFromScalar(view, view.getScalar(container, 'image'), 'pod-spec');
  if (image) {
    const policy = view.getScalar(container, 'imagePullPolicy');
    if (view.literal(policy) === 'Always') image.pullAlways = view.innerSpan(policy!);
    addImageOnce(facts, image);
  }
  addReadOnlyRootFilesystem(view, container, facts, patch);
}

/**
 * `securityContext.readOnlyRootFilesystem`: true passes, false is set to true, absent is added (except in a patch,
 * where absent is the base's). Templated values are unknown.
 */
function addReadOnlyRootFilesystem(view: YamlView, container: Map_, facts: Facts, patch: boolean): void {
  if (view.mayHaveTemplatedKeys(container)) return;
  const nameSpan = view.span(view.get(container, 'name') ?? container.items[0]);
  if (!nameSpan) return;
  const entries = [['readOnlyRootFilesystem', 'true']] as const;
  const title = 'Set readOnlyRootFilesystem: true';
  const contextPair = view.get(container, 'securityContext');
  if (!contextPair && patch) return;
  if (!contextPair) {
    const after = ownPairNamed(view, container, 'image') ?? ownPairNamed(view, container, 'name');
    const fix = localFix(view, title, () => insertPairEdit(view, container, 'securityContext', entries, after));
    facts.containers.push({ span: nameSpan, readOnlyRootFilesystem: false, fix });
    return;
  }
  if (view.isTemplated(view.deref(contextPair.value)) || view.hasTemplatedValue(contextPair)) return;
  const context = view.map(contextPair.value);
  if (!context) {
    const value = contextPair.value;
    const isNull = value === null || (isScalar(value) && (isNullScalar(value) || value.value === ''));
    if (!isNull || patch) return;
    const fix = ownPair(container, contextPair) ? localFix(view, title, () => fillNullEdit(view, contextPair, entries, container)) : undefined;
    facts.containers.push({ span: nameSpan, readOnlyRootFilesystem: false, fix });
    return;
  }
  if (view.mayHaveTemplatedKeys(context)) return;
  const setting = view.getScalar(context, 'readOnlyRootFilesystem');
  const editable = ownPair(container, contextPair);
  if (!setting && patch) return;
  if (!setting) {
    const fix = editable ? localFix(view, title, () => insertPairEdit(view, context, 'readOnlyRootFilesystem', 'true')) : undefined;
    facts.containers.push({ span: nameSpan, readOnlyRootFilesystem: false, fix });
    return;
  }
  const value = view.bool(setting);
  if (value === undefined) return;
  const settingSpan = view.innerSpan(setting);
  const fix = !value && editable ? localFix(view, title, () => setScalarEdit(view, setting, 'true')) : undefined;
  facts.containers.push({ span: value || !settingSpan ? nameSpan : settingSpan, readOnlyRootFilesystem: value, fix });
}

function ownPair(map: Map_, pair: YamlPair): boolean {
  return map.items.includes(pair);
}

function ownPairNamed(view: YamlView, map: Map_, key: string): YamlPair | undefined {
  return map.items.find((p) => view.keyOf(p) === key);
}

/** A fix is only offered on a document that parsed cleanly. */
function localFix(view: YamlView, title: string, edit: () => ReturnType<typeof insertPairEdit>): LocalFix | undefined {
  if (view.hasErrors) return undefined;
  return { kind: 'local', title, edits: [edit()], preferred: true };
}
