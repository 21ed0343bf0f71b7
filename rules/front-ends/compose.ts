import type { Scalar, YAMLMap } from 'yaml';
import { imageFact, parseImageReference } from '../image-reference';
import type { Facts, FrontEnd, ImageRef, SourceFile } from '../types';
import { substitute, type VariableValue } from '../variables';
import { baseName } from '../file-names';
import { baseYamlFacts, viewsOf } from '../yaml/documents';
import { addImageOnce, imageFromScalar } from '../yaml/image-scalar';
import type { YamlView } from '../yaml/nodes';
import { parseYaml } from '../yaml/parse';

const COMPOSE_NAME = /^(?:docker-compose[\w.-]*|compose(?:\.[\w.-]+)?)\.ya?ml$/i;
const SERVICE_KEYS = new Set(['image', 'build', 'ports', 'command', 'entrypoint', 'environment', 'depends_on', 'volumes', 'restart', 'healthcheck', 'networks', 'deploy', 'expose', 'env_file', 'container_name']);

function servicesOf(view: YamlView): YAMLMap<unknown, unknown> | undefined {
  return view.getMap(view.map(view.doc.contents), 'services');
}

function looksLikeCompose(view: YamlView): boolean {
  const services = servicesOf(view);
  if (!services) return false;
  return view.pairs(services).some((p) => {
    const service = view.map(p.value);
    return service !== undefined && view.pairs(service).some((q) => SERVICE_KEYS.has(view.keyOf(q) ?? ''));
  });
}

const UNSET: ReadonlyMap<string, VariableValue> = new Map();

/**
 * `image: redis:${REDIS_TAG:-7.2}`: the image compose pulls when the variables are unset, read through their
 * defaults as BuildKit reads ARG defaults in FROM. A variable without a default leaves the image unknown. The
 * digest is not written into a default: set, the variable would pull another tag past it.
 */
function imageFromDefaults(view: YamlView, scalar: Scalar | undefined): ImageRef | undefined {
  const written = scalar && view.literal(scalar);
  const span = scalar && view.innerSpan(scalar);
  if (written === undefined || span === undefined || !written.includes('$') || view.text.slice(span.start, span.end) !== written) return undefined;
  const text = substitute(written, UNSET);
  const reference = text === undefined ? undefined : parseImageReference(text);
  if (text === undefined || !reference) return undefined;
  const image = imageFact(text, span, reference, 'compose');
  image.note = `(\`${written}\` read with its variables' defaults.)`;
  image.pinBlocker = 'it comes from a variable; pin it where the value is set';
  return image;
}

/** A compose file: named like one, or with top-level `services` whose entries look like services. */
export const composeFrontEnd: FrontEnd = {
  classify(file: SourceFile) {
    if (COMPOSE_NAME.test(baseName(file.path))) return 'compose';
    return viewsOf(parseYaml(file.text)).some(looksLikeCompose) ? 'compose' : undefined;
  },
  extract(file): Facts {
    const parsed = parseYaml(file.text);
    const facts = baseYamlFacts('compose', parsed);
    for (const view of viewsOf(parsed)) {
      const services = servicesOf(view);
      if (!services) continue;
      for (const pair of view.pairs(services)) {
        const service = view.map(pair.value);
        const span = view.span(pair);
        if (!service || !span) continue;
        facts.statements.push(span);
        // With `build`, `image` names what compose builds, not something it pulls.
        if (view.get(service, 'build')) continue;
        const scalar = view.getScalar(service, 'image');
        const image = imageFromScalar(view, scalar, 'compose') ?? imageFromDefaults(view, scalar);
        if (!image) continue;
        const policy = view.getScalar(service, 'pull_policy');
        if (view.literal(policy) === 'always') image.pullAlways = view.innerSpan(policy!);
        addImageOnce(facts, image);
      }
    }
    return facts;
  },
};
