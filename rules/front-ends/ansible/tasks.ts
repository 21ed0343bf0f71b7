import { isMap, isNode, isPair, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { OffsetMap } from '../../shell/offset-map';
import type { ShellWord } from '../../shell/types';
import type { Span } from '../../types';
import { isNullScalar } from '../../yaml/nodes';
import { parseFreeForm, splitArgs, type Token } from './free-form';
import { COMMAND_FREE_FORM_OPTIONS, COMMAND_MODULES, isTaskKeyword, shortModuleName } from './modules';
import { bareVariable, listsOf, literalList, literalRecords, type ListItem, type NamedList } from './list-vars';
import { scalarOffsetMap } from './scalar-map';

/** One argument of a task's module, from the YAML map form or a free-form `key=value` token. */
export interface Arg {
  /** A scalar as written (quotes removed; `yes`, `1.10` kept as text); undefined for null, maps and lists. */
  value: string | undefined;
  /** The value in the file (inside quotes). */
  span: Span;
  /** The key in the file. */
  keySpan: Span;
  /** The whole `key: value` pair / `key=value` token. */
  entrySpan: Span;
  form: 'map' | 'free-form';
  /** A list of scalars: each item's text and span (inside quotes). */
  items?: Array<{ text: string; span: Span }>;
  /** The YAML value node (map form). */
  node?: Node;
}

/** Where a task sits: the sequence holding it, so a fix can remove it. */
export interface TaskSlot {
  seq: YAMLSeq;
  index: number;
}

export interface Task {
  /** The task's mapping in the file. */
  span: Span;
  /** Its `name:`, when a literal string. */
  name?: string;
  slot: TaskSlot;
  /** Short module name (`apt` for `ansible.builtin.apt`). */
  module: string;
  /** The module key (or the module name after `action:`), where findings about the whole task sit. */
  moduleKey: Span;
  args: Map<string, Arg>;
  /** The shell text of `shell`/`command`/`raw`/`script` (free form, `cmd:` or `argv:`), mapped to the file. */
  command?: OffsetMap;
  /** The command was assembled around options between its words: fixes inside it are not safe. */
  commandApproximate?: boolean;
  /** `argv:` words (exec form, no shell), each with the map of its value for a `sh -c` script among them. */
  argv?: { words: ShellWord[]; maps: Array<OffsetMap | undefined> };
  /** `loop:` / `with_items:` / `with_list:`. */
  loop?: TaskLoop;
  /** The literal lists of the play's `vars:`. */
  playLists?: Map<string, NamedList>;
}

/** What a task loops over: a literal list, or a variable holding one. */
export interface TaskLoop {
  /** `item`, or `loop_control.loop_var`. */
  variable: string;
  items?: ListItem[];
  /** A literal list of flat mappings: `- { name: data, tag: latest }`. */
  records?: Array<Map<string, string>>;
  /** `loop: "{{ packages }}"`: the variable and its place. */
  over?: { name: string; span: Span };
}

const LOOP_KEYS = ['loop', 'with_items', 'with_list'];

export interface AnsibleContent {
  tasks: Task[];
  /** Every task, block and play: the units `# noqa` and `driftless-disable-next-line` scope to. */
  statements: Span[];
}

const spanOf = (node: Node): Span => ({ start: node.range![0], end: node.range![1] });

/** The scalar key of a pair as a string. */
function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
}

function nodeOf(value: unknown): Node | undefined {
  return isNode(value) ? value : undefined;
}

export function pairsOf(map: YAMLMap): Array<{ key: string; pair: Pair }> {
  const out: Array<{ key: string; pair: Pair }> = [];
  for (const pair of map.items) {
    const key = isPair(pair) ? keyOf(pair) : undefined;
    if (key !== undefined) out.push({ key, pair });
  }
  return out;
}

const PLAY_TASK_LISTS = ['pre_tasks', 'tasks', 'post_tasks', 'handlers'];
const BLOCK_LISTS = ['block', 'rescue', 'always'];

/** Walks plays (when `isPlaybook`) or a task list, blocks included. */
export function collectContent(text: string, root: YAMLSeq, isPlaybook: boolean): AnsibleContent {
  const content: AnsibleContent = { tasks: [], statements: [] };
  if (isPlaybook) {
    for (const play of root.items) {
      if (!isMap(play) || !play.range) continue;
      content.statements.push(spanOf(play));
      const entries = pairsOf(play);
      const vars = entries.find((e) => e.key === 'vars')?.pair.value;
      const lists = listsOf(isMap(vars) ? vars : undefined, "the play's vars");
      for (const { key, pair } of entries) {
        if (PLAY_TASK_LISTS.includes(key) && isSeq(pair.value)) walkTaskList(text, pair.value, content, lists);
      }
    }
  } else walkTaskList(text, root, content);
  return content;
}

function walkTaskList(text: string, seq: YAMLSeq, content: AnsibleContent, playLists?: Map<string, NamedList>): void {
  seq.items.forEach((item, index) => {
    if (!isMap(item) || !item.range) return;
    content.statements.push(spanOf(item));
    const entries = pairsOf(item);
    const lists = entries.filter((e) => BLOCK_LISTS.includes(e.key));
    if (lists.length > 0) {
      for (const { pair } of lists) if (isSeq(pair.value)) walkTaskList(text, pair.value, content, playLists);
      return;
    }
    const task = readTask(text, item, entries, { seq, index });
    if (!task) return;
    if (playLists && playLists.size > 0) task.playLists = playLists;
    content.tasks.push(task);
  });
}

function readTask(text: string, map: YAMLMap, entries: Array<{ key: string; pair: Pair }>, slot: TaskSlot): Task | undefined {
  const action = entries.find((e) => e.key === 'action' || e.key === 'local_action');
  const moduleEntry = action ?? entries.find((e) => !isTaskKeyword(e.key));
  if (!moduleEntry || !isScalar(moduleEntry.pair.key)) return undefined;
  const task: Task = {
    span: spanOf(map),
    slot,
    module: shortModuleName(moduleEntry.key),
    moduleKey: spanOf(moduleEntry.pair.key),
    args: new Map(),
  };
  const name = entries.find((e) => e.key === 'name')?.pair.value;
  if (isScalar(name) && typeof name.value === 'string') task.name = name.value;
  const value = nodeOf(moduleEntry.pair.value);
  if (action) {
    if (!readAction(text, task, value)) return undefined;
  } else if (isMap(value)) addMapArgs(text, task, value);
  else if (isScalar(value) && typeof value.value === 'string') addFreeForm(text, task, value, 0);
  const extra = entries.find((e) => e.key === 'args');
  if (extra && isMap(extra.pair.value)) addMapArgs(text, task, extra.pair.value);
  if (COMMAND_MODULES.has(task.module) && !task.command) addCommandArg(text, task);
  const loop = readLoop(text, entries);
  if (loop) task.loop = loop;
  return task;
}

function readLoop(text: string, entries: Array<{ key: string; pair: Pair }>): TaskLoop | undefined {
  const loop = entries.find((e) => LOOP_KEYS.includes(e.key))?.pair.value;
  if (!isNode(loop)) return undefined;
  const control = entries.find((e) => e.key === 'loop_control')?.pair.value;
  const loopVar = isMap(control) ? pairsOf(control).find((e) => e.key === 'loop_var')?.pair.value : undefined;
  const variable = isScalar(loopVar) && typeof loopVar.value === 'string' ? loopVar.value : 'item';
  const items = literalList(loop, text);
  if (items) return { variable, items };
  const records = literalRecords(loop);
  if (records) return { variable, records };
  const name = isScalar(loop) && typeof loop.value === 'string' ? bareVariable(loop.value) : undefined;
  return name ? { variable, over: { name, span: valueSpanOf(text, loop) } } : { variable };
}

/** `action: apt name=x`, `action: "{{ pkg_mgr }} name=x"` (a templated module) or `action: {module: apt, name: x}`. */
function readAction(text: string, task: Task, value: Node | undefined): boolean {
  if (isMap(value)) {
    const module = pairsOf(value).find((e) => e.key === 'module');
    if (!module || !isScalar(module.pair.value) || typeof module.pair.value.value !== 'string') return false;
    task.module = shortModuleName(module.pair.value.value);
    task.moduleKey = spanOf(module.pair.value);
    addMapArgs(text, task, value, 'module');
    return true;
  }
  if (!isScalar(value) || typeof value.value !== 'string') return false;
  const map = scalarOffsetMap(text, value);
  if (!map) return false;
  const [name] = splitArgs(map.text);
  if (!name) return false;
  task.module = shortModuleName(name.text);
  task.moduleKey = { start: map.toFile(name.start), end: map.toFile(name.end, true) };
  addFreeForm(text, task, value, name.end, map);
  return true;
}

function addMapArgs(text: string, task: Task, map: YAMLMap, skip?: string): void {
  for (const { key, pair } of pairsOf(map)) {
    if (key === skip || !isScalar(pair.key) || !pair.key.range) continue;
    const node = nodeOf(pair.value);
    const keySpan = spanOf(pair.key);
    const valueSpan = node?.range ? valueSpanOf(text, node) : { start: keySpan.end, end: keySpan.end };
    task.args.set(key, {
      value: isScalar(node) ? scalarText(text, node) : undefined,
      items: isSeq(node) ? scalarItems(text, node) : undefined,
      span: valueSpan,
      keySpan,
      entrySpan: { start: keySpan.start, end: node?.range ? node.range[1] : keySpan.end },
      form: 'map',
      node,
    });
  }
}

function scalarItems(text: string, seq: YAMLSeq): Array<{ text: string; span: Span }> {
  const out: Array<{ text: string; span: Span }> = [];
  for (const item of seq.items) {
    if (!isScalar(item) || !item.range) continue;
    const value = scalarText(text, item);
    if (value !== undefined) out.push({ text: value, span: valueSpanOf(text, item) });
  }
  return out;
}

function scalarText(text: string, node: Scalar): string | undefined {
  if (isNullScalar(node) || !node.range) return undefined;
  if (node.type === Scalar.PLAIN) {
    const source = text.slice(node.range[0], node.range[1]);
    if (!source.includes('\n')) return source;
  }
  return String(node.value);
}

/** A value node's span, inside quotes for quoted scalars. */
function valueSpanOf(text: string, node: Node): Span {
  if (isScalar(node) && typeof node.value === 'string' && node.value.length > 0) {
    const map = scalarOffsetMap(text, node);
    if (map) return { start: map.toFile(0), end: map.toFile(map.text.length, true) };
  }
  return spanOf(node);
}

/** Free-form arguments from `from` in the scalar's value; a command module's command line becomes `task.command`. */
function addFreeForm(text: string, task: Task, node: Scalar, from: number, known?: OffsetMap): void {
  const map = known ?? scalarOffsetMap(text, node);
  if (!map) return;
  const isCommand = COMMAND_MODULES.has(task.module);
  const form = parseFreeForm(map.text.slice(from), isCommand ? COMMAND_FREE_FORM_OPTIONS : undefined);
  const toFile = (s: number, e: number): Span => ({ start: map.toFile(from + s), end: map.toFile(from + e, true) });
  for (const pair of form.pairs) {
    const keyEnd = pair.token.start + pair.key.length;
    task.args.set(pair.key, {
      value: pair.value,
      span: toFile(pair.valueStart, pair.valueEnd),
      keySpan: toFile(pair.token.start, keyEnd),
      entrySpan: toFile(pair.token.start, pair.token.end),
      form: 'free-form',
    });
  }
  if (isCommand && form.raw.length > 0) {
    const first = form.raw[0].start;
    const last = form.raw[form.raw.length - 1].end;
    const interrupted = form.pairs.some((p) => p.token.start > first && p.token.end < last);
    task.command = interrupted ? subMap(map, from, form.raw) : map.slice(from + first, from + last);
    task.commandApproximate = interrupted;
  }
}

/** The raw tokens only, joined by single spaces (the options between them dropped). */
function subMap(map: OffsetMap, from: number, tokens: Token[]): OffsetMap {
  const out = new OffsetMap();
  tokens.forEach((t, i) => {
    if (i > 0) out.appendSynthetic(' ', map.toFile(from + t.start), 0);
    map.slice(from + t.start, from + t.end, out);
  });
  return out;
}

/** `cmd:` (a string) or `argv:` (a list of words) of a command module in map form. */
function addCommandArg(text: string, task: Task): void {
  const cmd = task.args.get('cmd');
  if (cmd && isScalar(cmd.node) && typeof cmd.node.value === 'string') {
    task.command = scalarOffsetMap(text, cmd.node);
    return;
  }
  const argv = task.args.get('argv');
  if (!argv || !isSeq(argv.node)) return;
  const words: ShellWord[] = [];
  const maps: Array<OffsetMap | undefined> = [];
  for (const item of argv.node.items) {
    if (!isScalar(item) || !item.range) return;
    const value = scalarText(text, item);
    if (value === undefined) return;
    words.push({ value, raw: text.slice(item.range[0], item.range[1]), span: valueSpanOf(text, item) });
    maps.push(typeof item.value === 'string' ? scalarOffsetMap(text, item) : undefined);
  }
  task.argv = { words, maps };
}
