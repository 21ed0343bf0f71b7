import type { YAMLMap } from 'yaml';
import type { Facts } from '../../types';
import { addImageOnce, imageFromScalar } from '../../yaml/image-scalar';
import type { YamlView } from '../../yaml/nodes';
import { runnerLabels, runsOnWindows } from './runners';
import { addSteps, defaultShell } from './steps';
import { addUses } from './uses';
import { appendAll } from '../../arrays';

/** A workflow's jobs: reusable-workflow calls, runners, job and service containers, and steps. */
export function addWorkflow(view: YamlView, root: YAMLMap<unknown, unknown>, facts: Facts): void {
  const workflowShell = defaultShell(view, root);
  const jobs = view.getMap(root, 'jobs');
  for (const pair of jobs ? view.pairs(jobs) : []) {
    const job = view.map(pair.value);
    const span = view.span(pair);
    if (!job || !span) continue;
    facts.statements.push(span);
    addUses(view, view.getScalar(job, 'uses'), facts, true);
    const labels = runnerLabels(view, view.get(job, 'runs-on')?.value);
    appendAll(facts.runnerLabels, labels);
    addContainers(view, job, facts);
    addSteps(view, view.getSeq(job, 'steps'), facts, { inherited: defaultShell(view, job) ?? workflowShell, windows: runsOnWindows(labels) });
  }
}

/** `container:` (an image, or a map with `image:`) and each `services.<name>.image`. */
function addContainers(view: YamlView, job: YAMLMap<unknown, unknown>, facts: Facts): void {
  const container = view.get(job, 'container')?.value;
  const images = [view.scalar(container) ?? view.getScalar(view.map(container), 'image')];
  const services = view.getMap(job, 'services');
  for (const service of services ? view.pairs(services) : []) images.push(view.getScalar(view.map(service.value), 'image'));
  for (const scalar of images) {
    const image = imageFromScalar(view, scalar, 'ci');
    if (image) addImageOnce(facts, image);
  }
}
