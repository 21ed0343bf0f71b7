import type { Node } from '@ruby/prism';
import { lineBreakOf } from '../../text';
import { DIGEST_PLACEHOLDER, type Facts, type TextEdit } from '../../types';
import { imageFact, parseImageReference } from '../../image-reference';
import { runsAction } from './actions';
import { rubyNodes } from './prism';
import { propertyOf, type Resource } from './resources';
import { staticText, valueSpan } from './ruby-strings';
import type { RubySource } from './source';

/** docker_image actions that pull (the others build, tag, push, save or remove). */
const PULLS = new Set(['pull', 'pull_if_missing']);
/** docker_container actions that create a container from the image. */
const RUNS = new Set(['run', 'create', 'run_if_missing', 'redeploy', 'restart']);

export function isImageResource(type: string): boolean {
  return type === 'docker_image' || type === 'docker_container';
}

/**
 * The image a docker cookbook resource pulls or runs: `repo` (default: the resource name, or a container's
 * `container_name`) and `tag` (default `latest`). The cookbook hands Docker `"#{repo}:#{tag}"`, so the
 * digest is pinned by writing it into the tag: `tag '1.25@sha256:…'`.
 */
export function addImageFacts(resource: Resource, source: RubySource, facts: Facts): void {
  const isImage = resource.type === 'docker_image';
  if (!runsAction(resource, source, isImage ? 'pull' : 'run', isImage ? PULLS : RUNS)) return;
  if (isImage && propertyOf(resource, 'source')) return;
  const repoNode =
    propertyOf(resource, 'repo', 'image', ...(isImage ? ['image_name'] : []))?.args[0] ??
    (isImage ? undefined : propertyOf(resource, 'container_name')?.args[0]) ??
    resource.args[0];
  const repo = staticText(repoNode);
  if (!repoNode || repo === undefined) return;
  const tagProperty = propertyOf(resource, 'tag');
  const tagNode = tagProperty?.args[0];
  const tag = tagProperty ? staticText(tagNode) : undefined;
  if (tagProperty && (!tagNode || tag === undefined)) return;
  const text = tag === undefined ? repo : `${repo}:${tag}`;
  const parsed = parseImageReference(text);
  if (!parsed) return;
  const image = imageFact(text, valueSpan(tagNode ?? repoNode, source), parsed, 'chef');
  if (!tagNode && (parsed.tag !== undefined || parsed.digest !== undefined)) {
    image.pinBlocker = 'the repo names the tag itself; move it to the `tag` property, which the cookbook appends';
  } else {
    const pin = tagNode ? pinInTag(tagNode, source) : pinByAddingTag(resource, source);
    if (pin) image.pin = pin;
    else image.pinBlocker = 'the tag is not a plain string literal the digest can be written into';
    if (!tagNode) image.note = 'no tag property: the docker cookbook pulls `latest`';
  }
  facts.images.push(image);
}

function pinInTag(tagNode: Node, source: RubySource): TextEdit[] | undefined {
  const P = rubyNodes();
  if (!(tagNode instanceof P.StringNode) || !tagNode.openingLoc || tagNode.unescaped.value !== source.slice(source.span(tagNode.contentLoc))) {
    return undefined;
  }
  const end = source.span(tagNode.contentLoc).end;
  return [{ span: { start: end, end }, newText: `@${DIGEST_PLACEHOLDER}` }];
}

/** A `tag 'latest@sha256:…'` property: a new line before the block's `end`, or a new `do … end` block. */
function pinByAddingTag(resource: Resource, source: RubySource): TextEdit[] {
  const text = source.text;
  const eol = lineBreakOf(text);
  const property = `tag 'latest@${DIGEST_PLACEHOLDER}'`;
  const resourceIndent = indentOfLine(text, resource.span.start);
  if (!resource.block) {
    const end = source.nodeSpan(resource.call).end;
    return [{ span: { start: end, end }, newText: ` do${eol}${resourceIndent}  ${property}${eol}${resourceIndent}end` }];
  }
  const close = source.span(resource.block.closingLoc).start;
  const lineStart = startOfLine(text, close);
  if (/^[ \t]*$/.test(text.slice(lineStart, close))) {
    const first = resource.properties[0];
    const indent = first && startOfLine(text, first.nameSpan.start) > startOfLine(text, resource.span.start)
      ? indentOfLine(text, first.nameSpan.start)
      : `${text.slice(lineStart, close)}  `;
    return [{ span: { start: lineStart, end: lineStart }, newText: `${indent}${property}${eol}` }];
  }
  return [{ span: { start: close, end: close }, newText: `; ${property} ` }];
}

function startOfLine(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

function indentOfLine(text: string, offset: number): string {
  const start = startOfLine(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}
