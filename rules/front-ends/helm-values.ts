import { isMap, isSeq, Scalar, type YAMLMap } from 'yaml';
import { parseImageReference } from '../image-reference';
import { DIGEST_PLACEHOLDER, type Facts, type FileProbe, type FrontEnd, type ImageRef, type TextEdit } from '../types';
import { baseName, folderPrefix } from '../file-names';
import { baseYamlFacts, viewsOf } from '../yaml/documents';
import { insertPairEdit } from '../yaml/edit';
import { addImageOnce, imageFromScalar } from '../yaml/image-scalar';
import type { YamlPair, YamlView } from '../yaml/nodes';
import { parseYaml } from '../yaml/parse';

type Map_ = YAMLMap<unknown, unknown>;

const VALUES_FILE = /^values[\w.-]*\.ya?ml$/i;
/** `image`, or a camelCase name ending in `Image` (`initImage`, `busyboxImage`). */
const IMAGE_KEY = /^(?:image|[a-z][A-Za-z0-9]*Image)$/;
const MAX_DEPTH = 32;

function chartYamlOf(path: string): string {
  return `${folderPrefix(path)}Chart.yaml`;
}

/** The chart's `appVersion`, which an empty `tag` falls back to in the usual `tag | default .Chart.AppVersion`. */
function appVersionOf(path: string, probe: FileProbe): string | undefined {
  const chart = probe.read?.(chartYamlOf(path));
  if (chart === undefined) return undefined;
  const [view] = viewsOf(parseYaml(chart));
  return view ? view.str(view.map(view.doc.contents), 'appVersion') : undefined;
}

/** An image block: a `repository` string with a `tag`/`digest` beside it, or under a key named like `image`. */
function isImageBlock(view: YamlView, map: Map_, key: string): boolean {
  if (view.str(map, 'repository') === undefined) return false;
  return /image/i.test(key) || view.get(map, 'tag') !== undefined || view.get(map, 'digest') !== undefined;
}

/** Edit writing the digest: into an empty `digest:` value, else a new `digest:` key beside `tag:`. */
function digestEdit(view: YamlView, block: Map_, tagPair: YamlPair | undefined, digestPair: YamlPair | undefined): TextEdit | undefined {
  const tagScalar = view.scalar(tagPair?.value);
  const quote = tagScalar?.type === Scalar.QUOTE_DOUBLE ? '"' : tagScalar?.type === Scalar.QUOTE_SINGLE ? "'" : '';
  const digestScalar = view.scalar(digestPair?.value);
  if (digestPair && digestScalar?.range) {
    const [start, end] = digestScalar.range;
    if (start === end) return { span: { start, end }, newText: ` ${DIGEST_PLACEHOLDER}` };
    const inner = view.innerSpan(digestScalar);
    return inner && { span: inner, newText: DIGEST_PLACEHOLDER };
  }
  if (digestPair) return undefined;
  const after = tagPair ?? view.get(block, 'repository');
  if (after && !block.items.includes(after)) return undefined;
  return insertPairEdit(view, block, 'digest', `${quote}${DIGEST_PLACEHOLDER}${quote}`, after);
}

function imageOf(view: YamlView, block: Map_, appVersion: string | undefined): ImageRef | undefined {
  const repositoryScalar = view.getScalar(block, 'repository');
  const repository = view.literal(repositoryScalar);
  const registry = view.str(block, 'registry');
  const tagPair = view.get(block, 'tag');
  const tagScalar = view.scalar(tagPair?.value);
  const digestPair = view.get(block, 'digest');
  const digest = view.str(block, 'digest');
  if (!repository || !repositoryScalar || (tagScalar && view.isTemplated(tagScalar))) return undefined;
  const writtenTag = tagScalar ? view.literal(tagScalar) : undefined;
  const tag = writtenTag || appVersion;
  const text = `${registry ? `${registry}/` : ''}${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  const reference = parseImageReference(text);
  if (!reference) return undefined;
  const span = writtenTag ? view.innerSpan(tagScalar!) : tagPair ? view.span(tagPair) : view.innerSpan(repositoryScalar);
  if (!span) return undefined;
  const image: ImageRef = {
    text,
    span,
    registry: reference.registry,
    repository: reference.repository,
    tag: reference.tag,
    digest: reference.digest,
    source: 'helm-values',
  };
  if (!writtenTag && appVersion) image.note = `The empty tag falls back to the chart's appVersion ${appVersion}.`;
  const policy = view.getScalar(block, 'pullPolicy');
  if (view.literal(policy) === 'Always') image.pullAlways = view.innerSpan(policy!);
  if (reference.digest) return image;
  const pin = view.hasErrors ? undefined : digestEdit(view, block, tagPair, digestPair);
  if (pin) image.pin = [pin];
  else image.pinBlocker = view.hasErrors ? 'the YAML document has syntax errors' : 'add a digest: key to this image block by hand';
  return image;
}

/**
 * `image: "repo:tag"` written as one string (a container spec inside values, a chart that takes the whole
 * reference). Only a reference with its tag or digest in it: a bare `image: nginx` is often joined to a
 * separate `imageTag:` by the template, so it is not judged.
 */
function stringImageOf(view: YamlView, map: Map_, pair: YamlPair): ImageRef | undefined {
  const scalar = view.scalar(pair.value);
  if (!scalar) return undefined;
  const image = imageFromScalar(view, scalar, 'helm-values');
  if (!image || (image.tag === undefined && image.digest === undefined)) return undefined;
  const policy = view.getScalar(map, 'imagePullPolicy') ?? view.getScalar(map, 'pullPolicy');
  if (image.digest === undefined && view.literal(policy) === 'Always') image.pullAlways = view.innerSpan(policy!);
  return image;
}

function walk(view: YamlView, node: unknown, key: string, depth: number, appVersion: string | undefined, facts: Facts): void {
  if (depth > MAX_DEPTH) return;
  const resolved = view.deref(node);
  if (isSeq(resolved)) {
    for (const item of resolved.items) walk(view, item, key, depth + 1, appVersion, facts);
    return;
  }
  if (!isMap(resolved)) return;
  const map = resolved as Map_;
  if (isImageBlock(view, map, key)) {
    const image = imageOf(view, map, appVersion);
    const span = view.span(map);
    if (image && addImageOnce(facts, image) && span) facts.statements.push(span);
    return;
  }
  for (const pair of view.pairs(map)) {
    const name = view.keyOf(pair) ?? '';
    const image = IMAGE_KEY.test(name) ? stringImageOf(view, map, pair) : undefined;
    if (!image) walk(view, pair.value, name, depth + 1, appVersion, facts);
    else if (addImageOnce(facts, image)) {
      const span = view.span(pair);
      if (span) facts.statements.push(span);
    }
  }
}

/**
 * A chart's `values*.yaml` (beside a `Chart.yaml`): its image blocks (`repository`/`tag`/`digest`), nested ones
 * too, and `image:` strings that carry a tag or digest.
 */
export const helmValuesFrontEnd: FrontEnd = {
  name: 'helm-values',
  kinds: ['helm-values'],
  files: { globs: ['values*.yaml', 'values*.yml'], anyCase: true, languages: ['yaml'] },
  classify(file, probe) {
    return VALUES_FILE.test(baseName(file.path)) && probe.exists(chartYamlOf(file.path)) ? 'helm-values' : undefined;
  },
  extract(file, _kind, probe): Facts {
    const parsed = parseYaml(file.text);
    const facts = baseYamlFacts('helm-values', parsed);
    const appVersion = appVersionOf(file.path, probe);
    for (const view of viewsOf(parsed)) walk(view, view.doc.contents, '', 0, appVersion, facts);
    return facts;
  },
};
