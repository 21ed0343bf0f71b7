import type { YAMLMap } from 'yaml';
import { scalarOffsetMap } from '../ansible/scalar-map';
import { parseArgv } from '../../shell/parse';
import { addShellFacts } from '../../shell/facts';
import type { OffsetMap } from '../../shell/offset-map';
import type { ShellWord } from '../../shell/types';
import type { Facts } from '../../types';
import type { YamlView } from '../../yaml/nodes';
import { addScriptFacts } from './shell';

/** Keys whose `true` upgrades every package at boot (`apt_upgrade` is the older spelling). */
const UPGRADE_KEYS = ['package_upgrade', 'apt_upgrade'];
const COMMAND_KEYS = ['runcmd', 'bootcmd'];

/** A `#cloud-config` document: `package_upgrade: true`, unversioned `packages:`, `runcmd`/`bootcmd` as shell. */
export function addCloudConfigFacts(views: readonly YamlView[], facts: Facts): void {
  for (const view of views) {
    const root = view.map(view.doc.contents);
    if (!root) continue;
    for (const key of UPGRADE_KEYS) {
      const value = view.getScalar(root, key);
      if (value?.range && view.bool(value) === true) {
        facts.upgrades.push({ description: `cloud-init ${key}: true`, span: { start: value.range[0], end: value.range[1] } });
      }
    }
    addPackages(view, root, facts);
    for (const key of COMMAND_KEYS) {
      for (const item of view.getSeq(root, key)?.items ?? []) addCommand(view, item, facts, key);
    }
  }
}

/** `packages: [nginx, "curl=8.5.0-1", [jq, 1.7]]`: a name alone installs whatever is newest. */
function addPackages(view: YamlView, root: YAMLMap<unknown, unknown>, facts: Facts): void {
  const packages = view.getSeq(root, 'packages');
  if (!packages?.range) return;
  const group = { start: packages.range[0], end: packages.range[1] };
  for (const item of packages.items) {
    const pair = view.seq(item);
    const scalar = view.scalar(pair ? pair.items[0] : item);
    const name = view.literal(scalar);
    const span = scalar && view.innerSpan(scalar);
    if (name === undefined || !span || name.includes('${')) continue;
    const [bare, version] = pair ? [name, view.literal(view.scalar(pair.items[1]))] : name.split('=', 2);
    facts.packageInstalls.push({ manager: 'cloud-init', ecosystem: 'os', name: bare, span, version, group });
  }
}

/** A `runcmd` entry: a string runs through `sh -c`, a list runs as the words given. */
function addCommand(view: YamlView, item: unknown, facts: Facts, key: string): void {
  const words = view.seq(item);
  if (!words) {
    const scalar = view.scalar(item);
    const map = scalar && scalarOffsetMap(view.text, scalar);
    if (map) addScriptFacts(map, facts, { chain: `the ${key} entry` });
    return;
  }
  const parts: ShellWord[] = [];
  const maps: (OffsetMap | undefined)[] = [];
  for (const word of words.items) {
    const scalar = view.scalar(word);
    const value = view.literal(scalar);
    if (!scalar?.range || value === undefined) return;
    parts.push({ value: value.includes('${') ? undefined : value, raw: view.text.slice(scalar.range[0], scalar.range[1]), span: { start: scalar.range[0], end: scalar.range[1] } });
    maps.push(scalarOffsetMap(view.text, scalar));
  }
  addShellFacts(parseArgv(parts, maps), facts, { chain: `the ${key} entry` });
}
