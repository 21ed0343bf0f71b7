import type { YAMLMap } from 'yaml';
import type { Facts } from '../../types';
import { addImageOnce, imageFromScalar } from '../../yaml/image-scalar';
import type { YamlView } from '../../yaml/nodes';
import { addScriptFacts } from './scripts';

/** Top-level keys that configure the pipeline rather than name a job. */
const GLOBAL_KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'spec', 'types']);
const SCRIPT_KEYS = ['before_script', 'script', 'after_script'] as const;

/** A `.gitlab-ci.yml` document: the global and `default:` settings, then every job (hidden `.template` jobs too: they are extended). */
export function addGitLabPipeline(view: YamlView, root: YAMLMap<unknown, unknown>, facts: Facts): void {
  addJobSettings(view, root, facts);
  addJobSettings(view, view.getMap(root, 'default'), facts);
  for (const pair of view.pairs(root)) {
    const name = view.keyOf(pair);
    const job = view.map(pair.value);
    const span = view.span(pair);
    if (name === undefined || GLOBAL_KEYWORDS.has(name) || !job || !span) continue;
    facts.statements.push(span);
    addJobSettings(view, job, facts);
  }
}

/** `image:` and `services:` (a string or a map with `name:`), and the shell of `before_script`/`script`/`after_script`. */
function addJobSettings(view: YamlView, job: YAMLMap<unknown, unknown> | undefined, facts: Facts): void {
  if (!job) return;
  const image = view.get(job, 'image')?.value;
  const services = view.getSeq(job, 'services')?.items ?? [];
  for (const node of [image, ...services]) {
    const ref = imageFromScalar(view, view.scalar(node) ?? view.getScalar(view.map(node), 'name'), 'ci');
    if (ref) addImageOnce(facts, ref);
  }
  for (const key of SCRIPT_KEYS) addScriptLines(view, view.get(job, key)?.value, facts, key);
}

/** A script: one string, or a list of lines (nested lists, as `!reference` and anchors leave them, flattened). */
function addScriptLines(view: YamlView, node: unknown, facts: Facts, key: string): void {
  const scalar = view.scalar(node);
  if (scalar) {
    addScriptFacts(view, scalar, facts, { chain: `the \`${key}\` line`, expressions: false });
    return;
  }
  const seq = view.seq(node);
  seq?.items.forEach((item, index) => {
    const line = view.scalar(item);
    if (!line) {
      addScriptLines(view, item, facts, key);
      return;
    }
    addScriptFacts(view, line, facts, { chain: `the \`${key}\` line`, item: { seq, index, label: `the line from \`${key}\`` }, expressions: false });
  });
}
