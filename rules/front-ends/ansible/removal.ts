import type { LineIndex } from '../../text';
import type { LocalFix, TextEdit } from '../../types';
import { isTemplated } from './args';
import type { Task, TaskSlot } from './tasks';

const blankLine = (s: string) => /^[ \t]*$/.test(s);
const indentOf = (s: string) => /^[ \t]*/.exec(s)![0].length;

/** The `-` indicator of a block sequence item: only blanks, comments and line breaks lie between it and the node. */
function dashBefore(text: string, nodeStart: number): number | undefined {
  let i = nodeStart - 1;
  while (i >= 0) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i--;
    else if (c === '-') return i;
    else {
      const lineStart = text.lastIndexOf('\n', i) + 1;
      const hash = text.indexOf('#', lineStart);
      if (hash < 0 || hash > i || !blankLine(text.slice(lineStart, hash))) return undefined;
      i = lineStart - 1;
    }
  }
  return undefined;
}

/**
 * Edits that remove a whole task: its list item from the `-` line through every line indented under it.
 * A sequence left empty becomes `[]` so the play / block / file still loads. Undefined for flow sequences
 * and layouts this cannot cut cleanly.
 */
export function taskRemoval(text: string, lines: LineIndex, slot: TaskSlot): TextEdit[] | undefined {
  const item = slot.seq.items[slot.index] as { range?: [number, number, number] } | undefined;
  if (slot.seq.flow || !item?.range) return undefined;
  const dash = dashBefore(text, item.range[0]);
  if (dash === undefined) return undefined;
  const dashLine = lines.position(dash).line;
  const lineStart = lines.lineStart(dashLine);
  if (!blankLine(text.slice(lineStart, dash))) return undefined;
  const column = dash - lineStart;

  let last = dashLine;
  let next = dashLine + 1;
  while (next < lines.lineCount) {
    const content = text.slice(lines.lineStart(next), lines.lineEnd(next));
    if (!blankLine(content)) {
      if (indentOf(content) <= column) break;
      last = next;
    }
    next++;
  }
  if (lines.lineEnd(last) < item.range[1] && text.slice(lines.lineEnd(last), item.range[1]).trim() !== '') return undefined;
  const precededByBlank = dashLine > 0 && blankLine(text.slice(lines.lineStart(dashLine - 1), lines.lineEnd(dashLine - 1)));
  const takeBlanksAfter = (precededByBlank || (slot.index === 0 && slot.seq.items.length > 1)) && next < lines.lineCount;
  const endLine = takeBlanksAfter ? next : last + 1;
  const end = endLine < lines.lineCount ? lines.lineStart(endLine) : text.length;
  const removeItem: TextEdit = { span: { start: lineStart, end }, newText: '' };
  if (slot.seq.items.length > 1) return [removeItem];
  return emptySequence(text, lines, dashLine, removeItem);
}

/** The only item goes: the key above it gets `[]`, or a root list becomes `[]`. */
function emptySequence(text: string, lines: LineIndex, dashLine: number, removeItem: TextEdit): TextEdit[] | undefined {
  let line = dashLine - 1;
  while (line >= 0) {
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
    if (!blankLine(content) && !/^[ \t]*#/.test(content)) break;
    line--;
  }
  const keyLine = line >= 0 ? text.slice(lines.lineStart(line), lines.lineEnd(line)) : '---';
  if (/^---[ \t]*(?:#.*)?$/.test(keyLine)) {
    const eol = text.slice(lines.lineEnd(dashLine), lines.lineStart(dashLine + 1)) || '\n';
    return [{ ...removeItem, newText: `[]${eol}` }];
  }
  const key = /^(.*?:)([ \t]+#.*)?$/.exec(keyLine);
  if (!key || !/^[ \t]*(?:- )?[\w.-]+:$/.test(key[1])) return undefined;
  const at = lines.lineStart(line) + key[1].length;
  return [{ span: { start: at, end: at }, newText: ' []' }, removeItem];
}

/** How a fix title names a task: its literal `name:`, else what it does. */
export function taskLabel(task: Task, fallback: string): string {
  const name = task.name;
  return name && !isTemplated(name) ? `'${name}'` : `(${fallback})`;
}

export function removalFix(what: string, removeTask: () => TextEdit[] | undefined): LocalFix | undefined {
  const edits = removeTask();
  if (!edits) return undefined;
  return { kind: 'local', title: `Remove the task ${what}`, edits, preferred: true };
}
