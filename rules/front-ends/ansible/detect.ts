import { isMap, isSeq, type Document, type YAMLSeq } from 'yaml';
import { isRecognisedTaskKey, isTaskKeyword } from './modules';
import { pairsOf } from './tasks';

export type AnsibleFileRole = 'playbook' | 'tasks';

/** Folders whose YAML is variables, role metadata or inventory: never tasks. */
const VARS_FOLDERS = new Set(['group_vars', 'host_vars', 'defaults', 'vars', 'meta', 'inventory', 'inventories']);
const TASK_FOLDERS = new Set(['tasks', 'handlers']);
const PLAY_LISTS = ['tasks', 'roles', 'pre_tasks', 'post_tasks', 'handlers'];
/** `include` is left out: it included tasks as often as playbooks. */
const IMPORT_PLAYBOOK = new Set(['import_playbook', 'ansible.builtin.import_playbook']);

/** The folder names of a path, innermost last. */
function folders(path: string): string[] {
  const parts = path.split(/[\\/]+/);
  return parts.slice(0, -1);
}

/** `group_vars/all.yml`, `roles/x/defaults/main.yml`, `host_vars/web1/vars.yml`. */
export function isVarsPath(path: string): boolean {
  const dirs = folders(path);
  if (dirs.some((d) => d === 'group_vars' || d === 'host_vars')) return true;
  const parent = dirs[dirs.length - 1];
  return parent !== undefined && VARS_FOLDERS.has(parent);
}

/** `roles/x/tasks/main.yml`, `handlers/main.yml`, `tasks/setup.yml`. */
function isTaskPath(path: string): boolean {
  const parent = folders(path).pop();
  return parent !== undefined && TASK_FOLDERS.has(parent);
}

/** The top-level sequences of a stream's documents (Ansible content is a list at the root). */
function rootSequences(documents: readonly Document.Parsed[]): YAMLSeq[] {
  const out: YAMLSeq[] = [];
  for (const doc of documents) if (isSeq(doc.contents)) out.push(doc.contents);
  return out;
}

function isPlay(item: unknown): boolean {
  if (!isMap(item)) return false;
  const keys = pairsOf(item).map((e) => e.key);
  if (keys.some((k) => IMPORT_PLAYBOOK.has(k))) return true;
  return keys.includes('hosts') && keys.some((k) => PLAY_LISTS.includes(k));
}

/** A mapping that reads as a task: a known module key, `action`, `block`, and nothing but task keywords besides. */
function isTask(item: unknown): boolean {
  if (!isMap(item)) return false;
  const keys = pairsOf(item).map((e) => e.key);
  const modules = keys.filter((k) => !isTaskKeyword(k) || k === 'action' || k === 'local_action' || k === 'block');
  return modules.length === 1 && isRecognisedTaskKey(modules[0]);
}

/**
 * What an Ansible YAML file is: a playbook (a list of plays), a task file (by its folder, or a list of
 * mappings that read as tasks), or undefined (vars files, anything else).
 */
export function detectAnsible(path: string, documents: readonly Document.Parsed[]): AnsibleFileRole | undefined {
  if (isVarsPath(path)) return undefined;
  const roots = rootSequences(documents);
  if (roots.some((seq) => seq.items.some(isPlay))) return 'playbook';
  if (isTaskPath(path) && !documents.some((d) => isMap(d.contents))) return 'tasks';
  const items = roots.flatMap((seq) => seq.items);
  if (items.length > 0 && items.every(isMap) && items.some(isTask)) return 'tasks';
  return undefined;
}
