import { folderPrefix } from '../file-names';
import type { FileProbe } from '../types';
import { viewsOf } from '../yaml/documents';
import type { YamlView } from '../yaml/nodes';
import { parseSideFileYaml } from '../yaml/parse';

/** What a values file needs from its chart. */
export interface ChartInfo {
  /** `appVersion`, which an empty `tag` of the chart's own images falls back to (`tag | default .Chart.AppVersion`). */
  appVersion?: string;
  /** The top-level values keys that configure a subchart: each dependency's `alias`, else its `name`. */
  dependencyKeys: Set<string>;
}

export function chartYamlOf(path: string): string {
  return `${folderPrefix(path)}Chart.yaml`;
}

function rootView(text: string | undefined): YamlView | undefined {
  return text === undefined ? undefined : viewsOf(parseSideFileYaml(text))[0];
}

/** `dependencies:` of a Chart.yaml (API v2) or a requirements.yaml (API v1). */
function addDependencyKeys(view: YamlView | undefined, keys: Set<string>): void {
  if (!view) return;
  for (const item of view.getSeq(view.map(view.doc.contents), 'dependencies')?.items ?? []) {
    const dependency = view.map(item);
    const key = view.str(dependency, 'alias') ?? view.str(dependency, 'name');
    if (key) keys.add(key);
  }
}

export function chartInfoOf(valuesPath: string, probe: FileProbe): ChartInfo {
  const chart = rootView(probe.read?.(chartYamlOf(valuesPath)));
  const dependencyKeys = new Set<string>();
  addDependencyKeys(chart, dependencyKeys);
  addDependencyKeys(rootView(probe.read?.(`${folderPrefix(valuesPath)}requirements.yaml`)), dependencyKeys);
  return { appVersion: chart?.str(chart.map(chart.doc.contents), 'appVersion'), dependencyKeys };
}
