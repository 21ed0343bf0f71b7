import * as path from 'node:path';
import type { FileProbe } from '../../types';
import { viewsOf } from '../../yaml/documents';
import { parseSideFileYaml } from '../../yaml/parse';

const SKAFFOLD_NAMES = ['skaffold.yaml', 'skaffold.yml'];
/** How many folders above a manifest its project's skaffold.yaml may sit (`kubernetes-manifests/`, `k8s/base/`). */
const PARENT_LEVELS = 3;

/**
 * The images the nearest `skaffold.yaml` (in the manifest's folder or up to three above) builds: `build.artifacts`
 * and every profile's. Skaffold replaces these names in the manifests with the digest-tagged images it just built.
 */
export function skaffoldArtifacts(filePath: string, probe: FileProbe): Set<string> {
  const images = new Set<string>();
  if (!probe.read) return images;
  let folder = path.dirname(path.normalize(filePath));
  for (let level = 0; level <= PARENT_LEVELS; level++) {
    for (const name of SKAFFOLD_NAMES) {
      const candidate = path.join(folder, name);
      const text = probe.exists(candidate) ? probe.read(candidate) : undefined;
      if (text === undefined) continue;
      for (const view of viewsOf(parseSideFileYaml(text))) {
        const root = view.map(view.doc.contents);
        const builds = [view.getMap(root, 'build'), ...(view.getSeq(root, 'profiles')?.items ?? []).map((p) => view.getMap(view.map(p), 'build'))];
        for (const build of builds) {
          for (const artifact of view.getSeq(build, 'artifacts')?.items ?? []) {
            const image = view.str(view.map(artifact), 'image');
            if (image) images.add(image);
          }
        }
      }
      return images;
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return images;
}
