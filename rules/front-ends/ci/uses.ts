import type { Scalar } from 'yaml';
import type { Facts } from '../../types';
import { addImageOnce, imageFromScalar } from '../../yaml/image-scalar';
import type { YamlView } from '../../yaml/nodes';
import { hasExpression } from './expressions';

export const DOCKER_SCHEME = 'docker://';
/** `owner/repo` and an optional path inside it, as GitHub names actions and reusable workflows. */
const ACTION_NAME = /^[\w.-]+\/[\w.-]+(?:\/[^@\s]+)?$/;

/**
 * A `uses:` value: `owner/repo[/path]@ref` becomes an action reference, `docker://image` an image; a local
 * `./path` names code in this repository, pinned with it, and says nothing.
 */
export function addUses(view: YamlView, scalar: Scalar | undefined, facts: Facts, reusableWorkflow: boolean): void {
  const value = view.literal(scalar);
  const inner = scalar && view.innerSpan(scalar);
  if (!scalar || value === undefined || !inner || hasExpression(value) || value.startsWith('./')) return;
  if (value.startsWith(DOCKER_SCHEME)) {
    const image = imageFromScalar(view, scalar, 'ci', DOCKER_SCHEME);
    if (image) addImageOnce(facts, image);
    return;
  }
  const at = value.lastIndexOf('@');
  const action = value.slice(0, at);
  const ref = value.slice(at + 1);
  if (at < 0 || ref === '' || !ACTION_NAME.test(action)) return;
  const written = view.text.slice(inner.start, inner.end) === value;
  const span = written ? inner : { start: scalar.range![0], end: scalar.range![1] };
  facts.actionRefs.push({ action, ref, span, reusableWorkflow });
}
