import { imageFact, imageName, parseImageReference } from '../../image-reference';
import { DIGEST_PLACEHOLDER, type Facts, type TextEdit } from '../../types';
import { isTemplated } from './args';
import { variableField } from './list-vars';
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

/**
 * Images a `docker_image`/`podman_image` task of the same file builds (`source: build`, or the old `build:`/`path:`
 * arguments): a container started from one runs what the play just built, not something pulled.
 */
export function markBuiltImages(tasks: readonly Task[], facts: Facts): void {
  const built = new Set<string>();
  for (const task of tasks) {
    if (!IMAGE_MODULES.has(task.module)) continue;
    if (task.args.get('source')?.value !== 'build' && !task.args.has('build') && !task.args.has('path')) continue;
    const names = perIteration(task, task.args.get('name')?.value);
    const tags = perIteration(task, task.args.get('tag')?.value);
    names?.forEach((name, i) => {
      const tag = tags?.[tags.length === 1 ? 0 : i];
      if (name !== undefined) built.add(withTag(tag !== undefined && !name.includes(':') ? `${name}:${tag}` : name));
    });
  }
  if (built.size === 0) return;
  for (const image of facts.images) if (image.source === 'ansible' && built.has(withTag(image.text))) image.builtBy = 'a `docker_image` build in this file';
}

/**
 * A task argument's value in each iteration: itself when literal, a field of each record for
 * `{{ item.name }}` over a literal list of mappings; undefined when it cannot be known.
 */
function perIteration(task: Task, value: string | undefined): Array<string | undefined> | undefined {
  if (value === undefined) return undefined;
  if (!isTemplated(value)) return [value];
  const reference = variableField(value);
  if (!reference || task.loop?.variable !== reference.variable) return undefined;
  return task.loop.records?.map((record) => record.get(reference.field));
}

/** `name` means `name:latest`. */
function withTag(reference: string): string {
  return reference.includes('@') || imageName(reference) !== reference ? reference : `${reference}:latest`;
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
