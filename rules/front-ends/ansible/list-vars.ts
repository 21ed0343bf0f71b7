import { isMap, isNode, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { FileProbe, Span } from '../../types';
import { viewsOf } from '../../yaml/documents';
import { parseSideFileYaml } from '../../yaml/parse';

/** One literal item of a list a task loops over or installs by name. */
export interface ListItem {
  text: string;
  /** Its place in the file being linted; undefined when the list is defined in another file. */
  span?: Span;
}

/** A variable holding a literal list: `packages: [curl, git]`. */
export interface NamedList {
  items: ListItem[];
  /** Where it is defined, for messages: `the play's vars`, `web/defaults/main.yml`. */
  definedIn: string;
}

/** Finds a list variable by name where a task can see it; undefined when it is not a literal list there. */
export type ListLookup = (name: string) => NamedList | undefined;

/** `{{ name }}` and nothing else: the variable a value is exactly. */
export function bareVariable(value: string | undefined): string | undefined {
  return value === undefined ? undefined : /^\{\{-?\s*([A-Za-z_]\w*)\s*-?\}\}$/.exec(value.trim())?.[1];
}

/** A sequence of plain strings (no templating): its items; undefined for anything else. */
export function literalList(node: Node | null | undefined, text: string | undefined): ListItem[] | undefined {
  if (!isSeq(node)) return undefined;
  const items: ListItem[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || typeof item.value !== 'string' || item.value.includes('{{')) return undefined;
    const span = text !== undefined && item.range ? innerSpan(text, item.range[0], item.range[1]) : undefined;
    items.push({ text: item.value, ...(span ? { span } : {}) });
  }
  return items;
}

/** A sequence of flat mappings of plain strings (`- { name: data, tag: latest }`); undefined for anything else. */
export function literalRecords(node: Node | null | undefined): Array<Map<string, string>> | undefined {
  if (!isSeq(node)) return undefined;
  const records: Array<Map<string, string>> = [];
  for (const item of node.items) {
    if (!isMap(item)) return undefined;
    const record = new Map<string, string>();
    for (const pair of item.items) {
      const { key, value } = pair;
      if (!isScalar(key) || typeof key.value !== 'string' || !isScalar(value) || value.value === null || typeof value.value === 'object') return undefined;
      const text = String(value.value);
      if (text.includes('{{')) return undefined;
      record.set(key.value, text);
    }
    records.push(record);
  }
  return records;
}

/** `{{ item.name }}` and nothing else: the variable and the field. */
export function variableField(value: string | undefined): { variable: string; field: string } | undefined {
  const match = value === undefined ? null : /^\{\{-?\s*([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*-?\}\}$/.exec(value.trim());
  return match ? { variable: match[1], field: match[2] } : undefined;
}

/** Inside the quotes of a one-line quoted scalar; the scalar itself otherwise. */
function innerSpan(text: string, start: number, end: number): Span {
  const quote = text[start];
  return (quote === '"' || quote === "'") && text[end - 1] === quote ? { start: start + 1, end: end - 1 } : { start, end };
}

/** The literal lists of a `vars:` mapping. */
export function listsOf(vars: YAMLMap | undefined, definedIn: string): Map<string, NamedList> {
  const lists = new Map<string, NamedList>();
  for (const pair of vars?.items ?? []) {
    const key = isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
    const items = key === undefined ? undefined : literalList(isNode(pair.value) ? pair.value : undefined, undefined);
    if (key !== undefined && items) lists.set(key, { items, definedIn });
  }
  return lists;
}

/**
 * The variables of the role a task file belongs to (`roles/web/tasks/main.yml`): `vars/main.yml` over
 * `defaults/main.yml`, read through the probe (never further than the role's own folder).
 */
export function roleLists(taskPath: string, probe: FileProbe): Map<string, NamedList> {
  const parts = taskPath.split(/([\\/]+)/);
  const tasks = parts.lastIndexOf('tasks');
  const lists = new Map<string, NamedList>();
  if (tasks < 2 || !probe.read) return lists;
  const role = parts.slice(0, tasks).join('');
  for (const folder of ['defaults', 'vars']) {
    for (const name of ['main.yml', 'main.yaml']) {
      const path = `${role}${folder}/${name}`;
      const text = probe.read(path);
      if (text === undefined) continue;
      const root = viewsOf(parseSideFileYaml(text))[0]?.doc.contents;
      const shown = `${parts[tasks - 2]}/${folder}/${name}`;
      for (const [key, list] of listsOf(isMap(root) ? root : undefined, shown)) lists.set(key, list);
      break;
    }
  }
  return lists;
}
