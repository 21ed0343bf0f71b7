import type { Scalar } from 'yaml';
import { imageFact, parseImageReference } from '../image-reference';
import { DIGEST_PLACEHOLDER, type Facts, type ImageRef, type ImageSource } from '../types';
import type { YamlView } from './nodes';

/**
 * The image reference a scalar holds (`image: nginx:1.25`), spanning the reference text inside any
 * quotes; its pin edit appends `@sha256:…` after the tag, so the tag, quotes and comments stay.
 * Undefined for templated, interpolated (`${TAG}`) or otherwise unparsable values. A `prefix` (a scheme such as
 * `docker://`) must start the value and is left out of the image and its span.
 */
export function imageFromScalar(view: YamlView, scalar: Scalar | undefined, source: ImageSource, prefix = ''): ImageRef | undefined {
  if (!scalar) return undefined;
  const literal = view.literal(scalar);
  const inner = view.innerSpan(scalar);
  if (literal === undefined || inner === undefined || !literal.startsWith(prefix)) return undefined;
  const text = literal.slice(prefix.length);
  if (text.trim() === '') return undefined;
  const reference = parseImageReference(text);
  if (!reference) return undefined;
  const written = view.text.slice(inner.start, inner.end) === literal;
  const span = written ? { start: inner.start + prefix.length, end: inner.end } : { start: scalar.range![0], end: scalar.range![1] };
  const image = imageFact(text, span, reference, source);
  if (reference.digest !== undefined) return image;
  if (!written) image.pinBlocker = 'the image is written with escape sequences; pin it by hand';
  else if (view.hasErrors) image.pinBlocker = 'the YAML document has syntax errors';
  else image.pin = [{ span: { start: inner.end, end: inner.end }, newText: `@${DIGEST_PLACEHOLDER}` }];
  return image;
}

const seen = new WeakMap<Facts, Set<number>>();

/** Adds the image unless one at the same place is already there (a container merged from an anchor names it twice). */
export function addImageOnce(facts: Facts, image: ImageRef): boolean {
  let starts = seen.get(facts);
  if (!starts) {
    starts = new Set(facts.images.map((i) => i.span.start));
    seen.set(facts, starts);
  }
  if (starts.has(image.span.start)) return false;
  starts.add(image.span.start);
  facts.images.push(image);
  return true;
}
