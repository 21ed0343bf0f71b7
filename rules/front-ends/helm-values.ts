import { isMap, isSeq, Scalar, type YAMLMap } from 'yaml';
import { imageFact, parseImageReference } from '../image-reference';
import { DIGEST_PLACEHOLDER, type Facts, type FrontEnd, type ImageRef, type TextEdit } from '../types';
import { baseName } from '../file-names';
import { baseYamlFacts, viewsOf } from '../yaml/documents';
import { insertPairEdit } from '../yaml/edit';
import { addImageOnce, imageFromScalar } from '../yaml/image-scalar';
import { isNullScalar, type YamlPair, type YamlView } from '../yaml/nodes';
import { parseYaml } from '../yaml/parse';
import { chartInfoOf, chartYamlOf } from './helm-chart';
import { chartTemplatesOf, type ChartTemplates } from './helm-template-tags';

type Map_ = YAMLMap<unknown, unknown>;

const VALUES_FILE = /^values[\w.-]*\.ya?ml$/i;
/** `image`, or a camelCase name ending in `Image` (`initImage`, `busyboxImage`). */
const IMAGE_KEY = /^(?:image|[a-z][A-Za-z0-9]*Image)$/;
const MAX_DEPTH = 32;

/** How the image blocks under one top-level key are read. */
interface Scope {
  /** The chart's `appVersion`, which its own blocks' empty tags fall back to. */
  appVersion: string | undefined;
  /** A chart-wide `pullPolicy: Always`, for the chart's own blocks that set no policy. */
  chartPolicy: Scalar | undefined;
  /** Top-level keys that configure a subchart (its own templates read them). */
  dependencyKeys: ReadonlySet<string>;
  /** Under a subchart's key: an empty or absent tag takes the subchart's default, not known here. */
  subchart: boolean;
  /** The chart's own templates, which may write the tag with a prefix. */
  templates: ChartTemplates;
}

/** The tag as the chart's template writes it, and what the message says about it; undefined when it is not known. */
function templatedTag(written: string | undefined, path: readonly string[] | undefined, scope: Scope): { tag?: string; note?: string } | undefined {
  const shown = scope.subchart || !path ? undefined : scope.templates.tagOf(path);
  const fallback = written ? undefined : scope.appVersion;
  if (fallback && scope.templates.found && !shown) return undefined;
  const tag = written || fallback;
  const prefixed = shown?.writing === 'v-prefix' && tag !== undefined && !tag.startsWith('v');
  const final = prefixed ? `v${tag}` : tag;
  const notes = [
    fallback && `The empty tag falls back to the chart's appVersion ${fallback}.`,
    prefixed && `The chart's ${shown.file} writes the tag with a v before it: ${final}.`,
  ].filter(Boolean);
  return { tag: final, note: notes.length > 0 ? notes.join(' ') : undefined };
}

/** `global.image.pullPolicy`, `global.imagePullPolicy` or `images.pullPolicy` when it is `Always`. */
function chartPullPolicy(view: YamlView, root: Map_ | undefined): Scalar | undefined {
  const global = view.getMap(root, 'global');
  const globalImage = view.getMap(global, 'image');
  const candidates = [
    view.getScalar(globalImage, 'pullPolicy'),
    view.getScalar(globalImage, 'imagePullPolicy'),
    view.getScalar(global, 'imagePullPolicy'),
    view.getScalar(view.getMap(root, 'images'), 'pullPolicy'),
  ];
  const policy = candidates.find((c) => view.literal(c));
  return view.literal(policy) === 'Always' ? policy : undefined;
}

/** A value that names a registry host only (`ghcr.io`, `registry.local:5000`), not an image. */
function isRegistryHost(text: string): boolean {
  if (text.includes('/')) return false;
  const host = text.split(':')[0];
  return host.includes('.') || host === 'localhost';
}

/**
 * The key holding an image block's repository: `repository` with a `tag`/`digest` beside it or under a key
 * named like `image`, or an `image` string without a tag beside a `tag` key (`image: ghcr.io/x/exporter`, `tag: v1`).
 */
function repositoryKeyOf(view: YamlView, map: Map_, key: string): 'repository' | 'image' | undefined {
  const hasVersion = view.get(map, 'tag') !== undefined || view.get(map, 'digest') !== undefined;
  const repository = view.str(map, 'repository');
  if (repository !== undefined) {
    return !isRegistryHost(repository) && (/image/i.test(key) || hasVersion) ? 'repository' : undefined;
  }
  const image = view.str(map, 'image');
  if (image === undefined || view.get(map, 'tag') === undefined || isRegistryHost(image)) return undefined;
  const reference = parseImageReference(image);
  return reference && reference.tag === undefined && reference.digest === undefined ? 'image' : undefined;
}

/** The block's own pull policy: its `pullPolicy`/`imagePullPolicy`, else an `imagePullPolicy` beside the key holding it. */
function ownPolicy(view: YamlView, block: Map_, parent: Map_ | undefined): Scalar | undefined {
  const candidates = [
    view.getScalar(block, 'pullPolicy'),
    view.getScalar(block, 'imagePullPolicy'),
    view.getScalar(parent, 'imagePullPolicy'),
  ];
  return candidates.find((c) => c !== undefined && !isNullScalar(c) && view.literal(c) !== '');
}

/** Edit writing the digest: into an empty `digest:` value, else a new `digest:` key beside `tag:`. */
function digestEdit(
  view: YamlView,
  block: Map_,
  repositoryPair: YamlPair,
  tagPair: YamlPair | undefined,
  digestPair: YamlPair | undefined,
): TextEdit | undefined {
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
  const after = tagPair ?? repositoryPair;
  if (!block.items.includes(after)) return undefined;
  return insertPairEdit(view, block, 'digest', `${quote}${DIGEST_PLACEHOLDER}${quote}`, after);
}

/** `path`: the block's keys among the values (`controller.image`), whose `.tag` the templates write; undefined in a list. */
function imageOf(
  view: YamlView,
  block: Map_,
  repositoryKey: string,
  parent: Map_ | undefined,
  path: readonly string[] | undefined,
  scope: Scope,
): ImageRef | undefined {
  const repositoryPair = view.get(block, repositoryKey);
  const repositoryScalar = view.scalar(repositoryPair?.value);
  const repository = view.literal(repositoryScalar);
  const registry = view.str(block, 'registry');
  const tagPair = view.get(block, 'tag');
  const tagScalar = view.scalar(tagPair?.value);
  const digestPair = view.get(block, 'digest');
  const digest = view.str(block, 'digest');
  if (!repository || !repositoryPair || !repositoryScalar || (tagScalar && view.isTemplated(tagScalar))) return undefined;
  const writtenTag = tagScalar ? view.literal(tagScalar) : undefined;
  if (!writtenTag && !digest && scope.subchart) return undefined;
  const templated = templatedTag(writtenTag, path, scope);
  if (!templated) return undefined;
  const { tag } = templated;
  const text = `${registry ? `${registry}/` : ''}${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  const reference = parseImageReference(text);
  if (!reference) return undefined;
  const span = writtenTag ? view.innerSpan(tagScalar!) : tagPair ? view.span(tagPair) : view.innerSpan(repositoryScalar);
  if (!span) return undefined;
  const image = imageFact(text, span, reference, 'helm-values');
  if (templated.note) image.note = templated.note;
  const own = ownPolicy(view, block, parent);
  const policy = own ?? scope.chartPolicy;
  if (view.literal(policy) === 'Always') image.pullAlways = view.innerSpan(policy!);
  if (reference.digest) return image;
  const pin = view.hasErrors ? undefined : digestEdit(view, block, repositoryPair, tagPair, digestPair);
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
  if (!image || (image.tag === undefined && image.digest === undefined) || isRegistryHost(image.text)) return undefined;
  const policy = view.getScalar(map, 'imagePullPolicy') ?? view.getScalar(map, 'pullPolicy');
  if (image.digest === undefined && view.literal(policy) === 'Always') image.pullAlways = view.innerSpan(policy!);
  return image;
}

interface Place {
  key: string;
  parent: Map_ | undefined;
  /** Keys from the root to the node; undefined inside a list, where `.Values.a.b` cannot name it. */
  path: readonly string[] | undefined;
  depth: number;
}

function walk(view: YamlView, node: unknown, place: Place, scope: Scope, facts: Facts): void {
  const { key, parent, path, depth } = place;
  if (depth > MAX_DEPTH) return;
  const resolved = view.deref(node);
  if (isSeq(resolved)) {
    for (const item of resolved.items) walk(view, item, { key, parent, path: undefined, depth: depth + 1 }, scope, facts);
    return;
  }
  if (!isMap(resolved)) return;
  const map = resolved as Map_;
  const repositoryKey = repositoryKeyOf(view, map, key);
  if (repositoryKey) {
    const image = imageOf(view, map, repositoryKey, parent, path, scope);
    const span = view.span(map);
    if (image && addImageOnce(facts, image) && span) facts.statements.push(span);
    return;
  }
  for (const pair of view.pairs(map)) {
    const name = view.keyOf(pair) ?? '';
    const image = IMAGE_KEY.test(name) ? stringImageOf(view, map, pair) : undefined;
    const subchart = depth === 0 && scope.dependencyKeys.has(name);
    const inner = subchart ? { ...scope, appVersion: undefined, chartPolicy: undefined, subchart } : scope;
    const place = { key: name, parent: map, path: path && [...path, name], depth: depth + 1 };
    if (!image) walk(view, pair.value, place, inner, facts);
    else if (addImageOnce(facts, image)) {
      const span = view.span(pair);
      if (span) facts.statements.push(span);
    }
  }
}

/**
 * A chart's `values*.yaml` (beside a `Chart.yaml`): its image blocks (`repository`/`tag`/`digest`, or `image` +
 * `tag`), nested ones too, and `image:` strings that carry a tag or digest. Blocks under a subchart's key are
 * read without the chart's appVersion and chart-wide pull policy.
 */
export const helmValuesFrontEnd: FrontEnd = {
  classify(file, probe) {
    return VALUES_FILE.test(baseName(file.path)) && probe.exists(chartYamlOf(file.path)) ? 'helm-values' : undefined;
  },
  extract(file, _kind, probe): Facts {
    const parsed = parseYaml(file.text);
    const facts = baseYamlFacts('helm-values', parsed);
    const chart = chartInfoOf(file.path, probe);
    const templates = chartTemplatesOf(file.path, probe);
    for (const view of viewsOf(parsed)) {
      const chartPolicy = chartPullPolicy(view, view.map(view.doc.contents));
      const scope: Scope = { appVersion: chart.appVersion, chartPolicy, dependencyKeys: chart.dependencyKeys, subchart: false, templates };
      walk(view, view.doc.contents, { key: '', parent: undefined, path: [], depth: 0 }, scope, facts);
    }
    return facts;
  },
};
