import type { YAMLMap } from 'yaml';
import type { Facts, FrontEnd, SourceFile } from '../types';
import { baseName } from '../file-names';
import { baseYamlFacts, viewsOf, YAML_FILES } from '../yaml/documents';
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

/** A compose file: named like one, or with top-level `services` whose entries look like services. */
export const composeFrontEnd: FrontEnd = {
  name: 'compose',
  kinds: ['compose'],
  files: YAML_FILES,
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
        const image = imageFromScalar(view, view.getScalar(service, 'image'), 'compose');
        if (!image) continue;
        const policy = view.getScalar(service, 'pull_policy');
        if (view.literal(policy) === 'always') image.pullAlways = view.innerSpan(policy!);
        addImageOnce(facts, image);
      }
    }
    return facts;
  },
};
