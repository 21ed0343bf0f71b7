import { imageFact, parseImageReference } from '../../image-reference';
import { DIGEST_PLACEHOLDER, type Facts, type ImageRef } from '../../types';
import { addImageOnce, imageFromScalar } from '../../yaml/image-scalar';
import { allBlocks, attribute, type HclBlock } from './hcl';
import { heredocYaml } from './heredoc-yaml';
import type { SyntaxNode } from './parse';
import { functionCall, objectEntries, stringLiteral, tupleItems, type HclString } from './values';

/** Resources whose own attribute is an image reference. */
const IMAGE_ATTRIBUTES: Readonly<Record<string, string>> = {
  docker_container: 'image',
  docker_image: 'name',
  aws_lambda_function: 'image_uri',
};
/** Resources whose nested container blocks (at any depth) hold `image`. */
const CONTAINER_BLOCKS: Readonly<Record<string, readonly string[]>> = {
  azurerm_container_group: ['container', 'init_container'],
  google_cloud_run_service: ['containers'],
  google_cloud_run_v2_service: ['containers'],
  google_cloud_run_v2_job: ['containers'],
};
const KUBERNETES_CONTAINERS = ['container', 'init_container'];

/** Images in the resources that run containers; a value built from variables or interpolation is skipped. */
export function addImageFacts(text: string, blocks: readonly HclBlock[], facts: Facts): void {
  for (const block of blocks) {
    const type = block.type === 'resource' ? block.labels[0] : undefined;
    if (type === undefined) continue;
    const own = IMAGE_ATTRIBUTES[type];
    if (own) addImage(attribute(block, own)?.value, facts);
    const containers = type.startsWith('kubernetes_') ? KUBERNETES_CONTAINERS : CONTAINER_BLOCKS[type];
    if (containers) addContainerImages(block, containers, facts);
    if (type === 'aws_ecs_task_definition') addTaskDefinitionImages(text, attribute(block, 'container_definitions')?.value, facts);
  }
}

function addContainerImages(resource: HclBlock, names: readonly string[], facts: Facts): void {
  for (const block of allBlocks(resource.blocks)) {
    if (!names.includes(block.type)) continue;
    const image = addImage(attribute(block, 'image')?.value, facts);
    const policy = stringLiteral(attribute(block, 'image_pull_policy')?.value);
    if (image && policy?.value === 'Always') image.pullAlways = policy.span;
  }
}

/** `container_definitions = jsonencode([{ image = "…" }])`, or a heredoc of the JSON. */
function addTaskDefinitionImages(text: string, value: SyntaxNode | undefined, facts: Facts): void {
  if (!value) return;
  const call = functionCall(value);
  if (call?.name === 'jsonencode' && call.args.length === 1) {
    for (const item of tupleItems(call.args[0]) ?? []) addImage(objectEntries(item)?.find((e) => e.key === 'image')?.value, facts);
    return;
  }
  for (const view of heredocYaml(text, value, facts)) {
    for (const item of view.seq(view.doc.contents)?.items ?? []) {
      const image = imageFromScalar(view, view.getScalar(view.map(item), 'image'), 'terraform');
      if (image) addImageOnce(facts, image);
    }
  }
}

function addImage(value: SyntaxNode | undefined, facts: Facts): ImageRef | undefined {
  const literal = stringLiteral(value);
  const image = literal && !literal.heredoc ? imageFromString(literal) : undefined;
  if (image) facts.images.push(image);
  return image;
}

/** The reference a literal string holds, with the edit that appends `@sha256:…` after its tag. */
function imageFromString(literal: HclString): ImageRef | undefined {
  const reference = parseImageReference(literal.value);
  if (!reference) return undefined;
  const image = imageFact(literal.value, literal.span, reference, 'terraform');
  if (reference.digest !== undefined) return image;
  if (literal.written) image.pin = [{ span: { start: literal.span.end, end: literal.span.end }, newText: `@${DIGEST_PLACEHOLDER}` }];
  else image.pinBlocker = 'the image is written with escape sequences; pin it by hand';
  return image;
}
