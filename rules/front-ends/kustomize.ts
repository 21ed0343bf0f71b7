import { DIGEST_PLACEHOLDER, type Facts, type FrontEnd } from '../types';
import { parseImageReference } from '../image-reference';
import { baseYamlFacts, viewsOf } from '../yaml/documents';
import { insertPairEdit } from '../yaml/edit';
import { parseYaml } from '../yaml/parse';

/** `newTag: CONTAINER_IMAGES_TAG`, `newTag: ${TAG}`: a tag CI writes in before it builds, not one Kustomize pulls. */
function isPlaceholder(tag: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(tag) || tag.includes('${') || tag.includes('$(');
}

/** `kustomization.yaml`: its `images:` entries that set `newTag` without a `digest`. */
export const kustomizeFrontEnd: FrontEnd = {
  classify: () => 'kustomize',
  extract(file): Facts {
    const parsed = parseYaml(file.text);
    const facts = baseYamlFacts('kustomize', parsed);
    for (const view of viewsOf(parsed)) {
      for (const item of view.getSeq(view.map(view.doc.contents), 'images')?.items ?? []) {
        const entry = view.map(item);
        const span = view.span(entry);
        if (!entry || !span) continue;
        facts.statements.push(span);
        const tagPair = view.get(entry, 'newTag');
        const tagScalar = view.scalar(tagPair?.value);
        const tag = view.literal(tagScalar);
        const name = view.str(entry, 'newName') ?? view.str(entry, 'name');
        if (!tagPair || !tagScalar || !tag || !name || view.get(entry, 'digest')) continue;
        const text = `${name}:${tag}`;
        const reference = parseImageReference(text);
        const tagSpan = view.innerSpan(tagScalar);
        if (!reference || !tagSpan) continue;
        facts.images.push({
          text,
          span: tagSpan,
          registry: reference.registry,
          repository: reference.repository,
          tag: reference.tag,
          source: 'kustomize',
          ...(isPlaceholder(tag) ? { builtBy: `the pipeline, which substitutes its placeholder tag \`${tag}\`` } : {}),
          ...(view.hasErrors
            ? { pinBlocker: 'the YAML document has syntax errors' }
            : { pin: [insertPairEdit(view, entry, 'digest', DIGEST_PLACEHOLDER, tagPair)] }),
        });
      }
    }
    return facts;
  },
};
