import type { Scalar } from 'yaml';
import { COMMIT_PLACEHOLDER, TAG_PLACEHOLDER, type Facts, type Span, type TextEdit } from '../../types';
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
  const pin = written ? commitPin(view.text, { start: inner.start + at + 1, end: inner.end }, scalar.range![1]) : undefined;
  facts.actionRefs.push({ action, ref, span, reusableWorkflow, ...(pin ? { pin } : {}) });
}

/** What may follow a `uses:` value on its line for a comment to go after it: nothing, or a comment already. */
const REST_OF_LINE = /^[ \t]*(?:#[^\n]*)?(?:\r?\n|$)/;

/**
 * `@<commit> # <tag>`: the ref replaced, the tag as a comment right after the value (before a comment already
 * there). Undefined when something else follows the value on its line (a flow collection): a comment would eat it.
 */
function commitPin(text: string, ref: Span, valueEnd: number): TextEdit[] | undefined {
  if (!REST_OF_LINE.test(text.slice(valueEnd, valueEnd + 4096))) return undefined;
  return [
    { span: ref, newText: COMMIT_PLACEHOLDER },
    { span: { start: valueEnd, end: valueEnd }, newText: ` # ${TAG_PLACEHOLDER}` },
  ];
}
