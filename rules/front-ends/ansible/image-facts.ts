import { imageFact, parseImageReference } from '../../image-reference';
import { DIGEST_PLACEHOLDER, type Facts, type TextEdit } from '../../types';
import { isTemplated } from './args';
import type { Arg, Task } from './tasks';

const CONTAINER_MODULES = new Set(['docker_container', 'podman_container', 'docker_swarm_service']);
const IMAGE_MODULES = new Set(['docker_image', 'podman_image', 'docker_image_pull']);

/** `docker_container`/`podman_container` images, `docker_image`/`podman_image` pulls (`name` + `tag`). */
export function addImages(task: Task, facts: Facts): void {
  if (task.args.get('state')?.value === 'absent') return;
  if (CONTAINER_MODULES.has(task.module)) addImage(facts, task.args.get('image'));
  else if (IMAGE_MODULES.has(task.module)) {
    const source = task.args.get('source')?.value;
    if (source !== undefined && source !== 'pull') return;
    addImage(facts, task.args.get('name'), task.args.get('tag'));
  }
}

function addImage(facts: Facts, image: Arg | undefined, tag?: Arg): void {
  if (!image?.value || isTemplated(image.value) || (tag?.value !== undefined && isTemplated(tag.value))) return;
  const text = tag?.value !== undefined && !image.value.includes('@') ? `${image.value}:${tag.value}` : image.value;
  const ref = parseImageReference(text);
  if (!ref) return;
  const pin: TextEdit[] | undefined = tag ? undefined : [{ span: { start: image.span.end, end: image.span.end }, newText: `@${DIGEST_PLACEHOLDER}` }];
  const fact = imageFact(text, image.span, ref, 'ansible');
  fact.pin = ref.digest ? undefined : pin;
  fact.pinBlocker = tag && !ref.digest ? 'the tag is a separate `tag:` option; write `name: repo:tag@sha256:…` instead' : undefined;
  facts.images.push(fact);
}
