import type { Facts, FrontEnd, SourceFile } from '../types';
import { baseYamlFacts, viewsOf } from '../yaml/documents';
import { imageName } from '../image-reference';
import { isKustomizePatch } from './kubernetes/kustomize-patches';
import { skaffoldArtifacts } from './kubernetes/skaffold';
import { addKubernetesObject, isKubernetesObject } from './kubernetes/object';
import { parseYaml } from '../yaml/parse';

/** Kubernetes manifests, Helm chart templates included (their `{{ }}` actions masked): any document with `apiVersion` and `kind`. */
function parse(file: SourceFile) {
  return parseYaml(file.text, { templates: 'auto', path: file.path });
}

export const kubernetesFrontEnd: FrontEnd = {
  classify(file) {
    const parsed = parse(file);
    const objects = parsed.skippedSchemas > 0 || viewsOf(parsed).some((view) => isKubernetesObject(view, view.map(view.doc.contents)));
    return objects ? 'kubernetes' : undefined;
  },
  extract(file, _kind, probe): Facts {
    const parsed = parse(file);
    const facts = baseYamlFacts('kubernetes', parsed);
    const patch = isKustomizePatch(file.path, probe);
    for (const view of viewsOf(parsed)) {
      const root = view.map(view.doc.contents);
      if (root && isKubernetesObject(view, root)) addKubernetesObject(view, root, facts, patch);
    }
    if (facts.images.length > 0) {
      const built = skaffoldArtifacts(file.path, probe);
      for (const image of facts.images) if (built.has(imageName(image.text))) image.builtBy = 'a Skaffold artifact of skaffold.yaml';
    }
    return facts;
  },
};
