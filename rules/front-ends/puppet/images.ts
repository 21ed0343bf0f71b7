import { parseImageReference } from '../../image-reference';
import { DIGEST_PLACEHOLDER, type Facts, type ImageRef } from '../../types';
import type { SyntaxNode } from './parse';
import { insertAttribute } from './attribute-insert';
import { attributeOf, literalAttribute, type Resource } from './resources';
import { isVerbatimString, literalText, valueSpan } from './strings';

/** docker::image sources that build or load the image instead of pulling it. */
const LOCAL_BUILDS = ['docker_file', 'docker_dir', 'docker_tar'];

export function isImageResource(type: string): boolean {
  return type === 'docker::image' || type === 'docker::run';
}

/** The image a puppetlabs-docker `docker::image` pulls or a `docker::run` runs; a value built at compile time is skipped. */
export function addImageFacts(resource: Resource, text: string, facts: Facts): void {
  if (literalAttribute(resource, 'ensure') === 'absent') return;
  const image = resource.type === 'docker::image' ? pulledImage(resource, text) : runImage(resource);
  if (image) facts.images.push(image);
}

/**
 * `docker::image { 'nginx': image_tag => '1.25' }`: `image` (default: the title), `image_tag`, `image_digest`. The
 * module pulls `image@image_digest` when a digest is set, so the pin adds that attribute and the tag stays for the reader.
 */
function pulledImage(resource: Resource, text: string): ImageRef | undefined {
  if (attributeOf(resource, ...LOCAL_BUILDS)) return undefined;
  const imageNode = attributeOf(resource, 'image')?.value ?? resource.title;
  const tagNode = attributeOf(resource, 'image_tag')?.value;
  const digestNode = attributeOf(resource, 'image_digest')?.value;
  const repo = literalText(imageNode);
  const tag = literalText(tagNode);
  const digest = literalText(digestNode);
  if (!imageNode || repo === undefined || (tagNode && tag === undefined) || (digestNode && digest === undefined)) return undefined;
  const reference = `${repo}${tag === undefined ? '' : `:${tag}`}${digest === undefined ? '' : `@${digest}`}`;
  const image = imageRef(reference, tagNode ?? imageNode);
  if (!image || image.digest) return image;
  const pin = insertAttribute(resource, 'image_digest', `'${DIGEST_PLACEHOLDER}'`, text);
  if (pin) image.pin = pin;
  else image.pinBlocker = 'the resource shares its attributes with others (a title array, a default or a function call); give it an `image_digest` of its own';
  if (tag === undefined && image.tag === undefined) image.note = 'no image_tag: docker pulls `latest`';
  return image;
}

/** `docker::run { 'web': image => 'nginx:1.25' }`: the digest is written into the image string. */
function runImage(resource: Resource): ImageRef | undefined {
  const imageNode = attributeOf(resource, 'image')?.value;
  const repo = literalText(imageNode);
  if (!imageNode || repo === undefined) return undefined;
  const image = imageRef(repo, imageNode);
  if (!image || image.digest) return image;
  if (isVerbatimString(imageNode)) {
    const end = valueSpan(imageNode).end;
    image.pin = [{ span: { start: end, end }, newText: `@${DIGEST_PLACEHOLDER}` }];
  } else {
    image.pinBlocker = 'the image is not a plain quoted string the digest can be written into';
  }
  return image;
}

function imageRef(reference: string, node: SyntaxNode): ImageRef | undefined {
  const parsed = parseImageReference(reference);
  if (!parsed) return undefined;
  return {
    text: reference,
    span: valueSpan(node),
    registry: parsed.registry,
    repository: parsed.repository,
    tag: parsed.tag,
    digest: parsed.digest,
    source: 'puppet',
  };
}
