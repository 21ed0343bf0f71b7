import { imageFact, parseImageReference } from '../../image-reference';
import { DIGEST_PLACEHOLDER, type Facts, type ImageRef, type TextEdit } from '../../types';
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
 * module pulls `image:image_tag` when a tag is set (the digest is then ignored), else `image@image_digest`: so the pin
 * writes the digest into a plain tag string (`'1.25@sha256:…'`, the tag stays for the reader), or adds
 * `image_digest` when there is no tag.
 */
function pulledImage(resource: Resource, text: string): ImageRef | undefined {
  if (attributeOf(resource, ...LOCAL_BUILDS)) return undefined;
  const imageNode = attributeOf(resource, 'image')?.value ?? resource.title;
  const tagNode = attributeOf(resource, 'image_tag')?.value;
  const digestNode = tagNode ? undefined : attributeOf(resource, 'image_digest')?.value;
  const repo = literalText(imageNode);
  const tag = literalText(tagNode);
  const digest = literalText(digestNode);
  if (!imageNode || repo === undefined || (tagNode && tag === undefined) || (digestNode && digest === undefined)) return undefined;
  const reference = `${repo}${tag === undefined ? '' : `:${tag}`}${digest === undefined ? '' : `@${digest}`}`;
  const image = imageRef(reference, tagNode ?? imageNode);
  if (!image || image.digest) return image;
  if (resource.form !== 'declaration' || !resource.alone) {
    image.pinBlocker = 'the resource shares its attributes with others (a title array or a function call); declare it on its own';
  } else if (tagNode) {
    if (isVerbatimString(tagNode)) image.pin = appendDigest(tagNode);
    else image.pinBlocker = 'the image_tag is not a plain quoted string the digest can be written into';
    return image;
  } else {
    image.pin = insertAttribute(resource, 'image_digest', `'${DIGEST_PLACEHOLDER}'`, text);
  }
  if (image.tag === undefined) image.note = 'no image_tag: docker pulls `latest`';
  return image;
}

/** `docker::run { 'web': image => 'nginx:1.25' }`: the digest is written into the image string. */
function runImage(resource: Resource): ImageRef | undefined {
  const imageNode = attributeOf(resource, 'image')?.value;
  const repo = literalText(imageNode);
  if (!imageNode || repo === undefined) return undefined;
  const image = imageRef(repo, imageNode);
  if (!image || image.digest) return image;
  if (isVerbatimString(imageNode)) image.pin = appendDigest(imageNode);
  else image.pinBlocker = 'the image is not a plain quoted string the digest can be written into';
  return image;
}

/** `@sha256:…` at the end of a string's value, inside its quotes. */
function appendDigest(node: SyntaxNode): TextEdit[] {
  const end = valueSpan(node).end;
  return [{ span: { start: end, end }, newText: `@${DIGEST_PLACEHOLDER}` }];
}

function imageRef(reference: string, node: SyntaxNode): ImageRef | undefined {
  const parsed = parseImageReference(reference);
  if (!parsed) return undefined;
  return imageFact(reference, valueSpan(node), parsed, 'puppet');
}
