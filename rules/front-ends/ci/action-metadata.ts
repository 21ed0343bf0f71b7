import type { YAMLMap } from 'yaml';
import type { Facts } from '../../types';
import type { YamlView } from '../../yaml/nodes';
import { addImageOnce, imageFromScalar } from '../../yaml/image-scalar';
import { addSteps } from './steps';
import { DOCKER_SCHEME } from './uses';

/** The `runs:` of an action's metadata, when it declares how the action runs (`using:`). */
export function actionRuns(view: YamlView, root: YAMLMap<unknown, unknown> | undefined): YAMLMap<unknown, unknown> | undefined {
  const runs = view.getMap(root, 'runs');
  return view.get(runs, 'using') ? runs : undefined;
}

/** A composite action's steps (each `run:` names its shell), or a Docker action's `image: docker://…`. */
export function addActionMetadata(view: YamlView, runs: YAMLMap<unknown, unknown>, facts: Facts): void {
  addSteps(view, view.getSeq(runs, 'steps'), facts, { inherited: undefined, windows: false });
  const image = imageFromScalar(view, view.getScalar(runs, 'image'), 'ci', DOCKER_SCHEME);
  if (image) addImageOnce(facts, image);
}
