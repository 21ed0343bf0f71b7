import { isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap } from 'yaml';
import { lineBreakOf } from '../text';
import type { TextEdit } from '../types';
import type { YamlPair, YamlView } from './nodes';
import { actionAround, writesUnder } from './template-mask';

/** A value to write: scalar text as it should appear, or a map of scalar entries. */
export type NewValue = string | ReadonlyArray<readonly [key: string, value: string]>;

const DEFAULT_STEP = 2;

/** Replaces a scalar's text, keeping its quotes when it has them. */
export function setScalarEdit(view: YamlView, scalar: Scalar, newText: string): TextEdit {
  const span = view.innerSpan(scalar);
  if (!span) throw new Error('setScalarEdit needs a plain or quoted scalar');
  return { span, newText };
}

/**
 * Adds `key: value` to a map as a new line at its siblings' indentation (block map, after `after` or
 * the last pair, past any trailing comment on that line) or as a new entry before `}` (flow map).
 * Every other byte stays as it was.
 */
export function insertPairEdit(view: YamlView, map: YAMLMap<unknown, unknown>, key: string, value: NewValue, after?: YamlPair): TextEdit {
  if (!map.range) throw new Error('insertPairEdit needs a parsed map');
  if (map.flow) return insertIntoFlowMap(view, map, key, value);
  const anchor = after ?? map.items[map.items.length - 1];
  const firstKey = map.items[0]?.key as Node | null;
  const column = view.column(firstKey?.range?.[0] ?? map.range[0]);
  const indent = ' '.repeat(column);
  const text = `${indent}${key}:${renderBlockValue(value, column + indentStep(view, map))}`;
  return insertLineAfter(view, endOfPair(anchor) ?? map.range[1], text, column);
}

/** Turns `key:` (empty) or `key: ~` into a map holding the entries. */
export function fillNullEdit(view: YamlView, pair: YamlPair, entries: ReadonlyArray<readonly [string, string]>, parent: YAMLMap<unknown, unknown>): TextEdit {
  const value = pair.value;
  const keyNode = pair.key as Node | null;
  if (isScalar(value) && value.range && value.range[1] > value.range[0]) {
    return { span: { start: value.range[0], end: value.range[1] }, newText: renderFlowMap(entries) };
  }
  const keyColumn = view.column(keyNode?.range?.[0] ?? 0);
  const at = (isScalar(value) && value.range ? value.range[0] : keyNode?.range?.[1]) ?? 0;
  const lineEnd = endOfLine(view, at);
  const newText = renderBlockValue(entries, keyColumn + indentStep(view, parent)).replace(/\n/g, lineBreakOf(view.text));
  return { span: { start: lineEnd, end: lineEnd }, newText };
}

function renderBlockValue(value: NewValue, childColumn: number): string {
  if (typeof value === 'string') return ` ${value}`;
  return value.map(([k, v]) => `\n${' '.repeat(childColumn)}${k}: ${v}`).join('');
}

function renderFlowMap(entries: ReadonlyArray<readonly [string, string]>): string {
  return `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
}

function insertIntoFlowMap(view: YamlView, map: YAMLMap<unknown, unknown>, key: string, value: NewValue): TextEdit {
  const rendered = `${key}: ${typeof value === 'string' ? value : renderFlowMap(value)}`;
  const last = map.items[map.items.length - 1];
  const lastEnd = last ? endOfPair(last) : undefined;
  if (lastEnd !== undefined) return { span: { start: lastEnd, end: lastEnd }, newText: `, ${rendered}` };
  const open = view.text.indexOf('{', map.range![0]);
  return { span: { start: open + 1, end: open + 1 }, newText: rendered };
}

function endOfPair(pair: YamlPair | undefined): number | undefined {
  if (!pair) return undefined;
  const value = pair.value as Node | null;
  const key = pair.key as Node | null;
  return value?.range?.[1] ?? key?.range?.[1];
}

/**
 * Inserts `line` (which may hold `\n`s, written at `column`) as new line(s) after the line where a
 * value ends at `end`, past any deeper template lines that fill that value (`{{- toYaml … | nindent }}`)
 * and past the rest of a template action that goes on over the next lines (inside it, the line would be
 * template code, not YAML).
 */
function insertLineAfter(view: YamlView, end: number, line: string, column: number): TextEdit {
  const text = view.text;
  const lines = view.parsed.lines;
  const eol = lineBreakOf(text);
  const withBreaks = line.replace(/\n/g, eol);
  let last = lines.position(end > 0 && text[end - 1] === '\n' ? end - 1 : end).line;
  const deeper = new Set((view.parsed.template?.templateLines ?? []).filter((l) => writesUnder(l, column)).map((l) => l.line));
  const actions = view.parsed.template?.actions ?? [];
  for (;;) {
    while (deeper.has(last + 1)) last++;
    const open = last + 1 < lines.lineCount ? actionAround(actions, lines.lineStart(last + 1)) : undefined;
    if (!open) break;
    last = lines.position(open.end - 1).line;
  }
  if (last + 1 < lines.lineCount) {
    const at = lines.lineStart(last + 1);
    return { span: { start: at, end: at }, newText: `${withBreaks}${eol}` };
  }
  return { span: { start: text.length, end: text.length }, newText: `${eol}${withBreaks}` };
}

/** End of the content (comment included) of the line holding `offset`. */
function endOfLine(view: YamlView, offset: number): number {
  const lines = view.parsed.lines;
  return lines.lineEnd(lines.position(offset).line);
}

/** The indentation step the map's nested block collections use, default 2. */
function indentStep(view: YamlView, map: YAMLMap<unknown, unknown>): number {
  const column = view.column(((map.items[0]?.key as Node | null)?.range ?? map.range ?? [0])[0]);
  for (const pair of map.items) {
    const value = pair.value;
    if ((isMap(value) || isSeq(value)) && !value.flow && value.items.length > 0) {
      const item = value.items[0];
      const start = isMap(value) ? ((item as YamlPair).key as Node | null)?.range?.[0] : (item as Node | null)?.range?.[0];
      if (start === undefined) continue;
      const step = view.column(start) - column - (isSeq(value) ? 2 : 0);
      if (step > 0) return step;
    }
  }
  return DEFAULT_STEP;
}
