import type { Span } from '../types';
import { outputColumns, type OutputColumns } from './template-output';

/** A line holding nothing but template actions, masked into a YAML comment. */
export interface TemplateLine {
  /** 0-based line number. */
  line: number;
  /** Column of its first action. */
  indent: number;
  span: Span;
  /** True when an action on it writes output (`include`, `toYaml`, `.Values.x`), false for `if`/`end`/`with`… */
  emits: boolean;
  /** Where the lines its actions write start (`nindent 4` -> 4); empty when it writes nothing. */
  output: OutputColumns;
}

export interface TemplateMask {
  /** The text with every action replaced by same-length filler: ranges map 1:1 to the original. */
  masked: string;
  /** Every `{{ … }}` action, in the original text. */
  actions: Span[];
  templateLines: TemplateLine[];
  /** An action has no `}}`: it runs to the end of the text, which Helm cannot render. */
  unclosed: boolean;
}

/** True when what the line writes lands deeper than `column`; a line that writes nothing, or at widths not known, by its own indent. */
export function writesUnder(line: TemplateLine, column: number): boolean {
  if (!line.emits || line.output === 'any') return line.indent > column;
  return line.output.every((c) => c > column);
}

/** True when the line may write a line starting at `column`. */
export function writesAt(line: TemplateLine, column: number): boolean {
  return line.emits && (line.output === 'any' || line.output.includes(column));
}

/** The action (of `actions`, in order) that `offset` falls strictly inside, by binary search. */
export function actionAround(actions: readonly Span[], offset: number): Span | undefined {
  let low = 0;
  let high = actions.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (actions[mid].end <= offset) low = mid + 1;
    else high = mid;
  }
  const action = actions[low];
  return action !== undefined && action.start < offset ? action : undefined;
}

/** Go template syntax as Helm uses it; Ansible's Jinja shares the delimiters. */
export function looksLikeTemplate(text: string): boolean {
  const open = text.indexOf('{{');
  return open >= 0 && text.indexOf('}}', open + 2) >= 0;
}

// End (exclusive) of the action opened at `start`, skipping `}}` inside Go strings and a comment. A comment is
// only one right after the delimiter (`{{/* … */}}`, `{{- /* … */ -}}`): elsewhere `/*` is a division and a
// multiplication, or text such as `rm -rf /var/lib/apt/lists/*` in an action a typo left open.
function actionEnd(text: string, start: number): number {
  let i = start + 2;
  if (text[i] === '-' && /\s/.test(text[i + 1] ?? '')) i += 2;
  if (text.startsWith('/*', i)) {
    const close = text.indexOf('*/', i + 2);
    if (close < 0) return text.length;
    i = close + 2;
  }
  while (i < text.length) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') return i + 2;
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return text.length;
      i = close;
    }
    i++;
  }
  return text.length;
}

const CONTROL = /^\{\{-?\s*(?:if|else|end|with|range|define|\/\*|\$[\w]*\s*:?=)/;

function joinColumns(a: OutputColumns, b: OutputColumns): OutputColumns {
  return a === 'any' || b === 'any' ? 'any' : [...new Set([...a, ...b])];
}

function isLineBreak(c: string): boolean {
  return c === '\n' || c === '\r';
}

/**
 * Masks template actions so the result parses as YAML with the same offsets: a line that is only
 * actions becomes a comment (`{{- if x }}` -> `#{- if x }}`), an inline action becomes a plain
 * scalar of the same length (`{{ .Values.tag }}` -> `_________________`).
 */
export function maskTemplate(text: string): TemplateMask {
  const actions: Span[] = [];
  for (let i = text.indexOf('{{'); i >= 0; i = text.indexOf('{{', i)) {
    const end = actionEnd(text, i);
    actions.push({ start: i, end });
    i = end;
  }
  const chars = text.split('');
  const templateLines: TemplateLine[] = [];
  let a = 0;
  let line = 0;
  for (let lineStart = 0; lineStart <= text.length; line++) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && !isLineBreak(text[lineEnd])) lineEnd++;
    while (a < actions.length && actions[a].end <= lineStart) a++;
    let covered = true;
    let first = -1;
    let emits = false;
    let output: OutputColumns = [];
    let k = a;
    for (let i = lineStart; i < lineEnd; i++) {
      while (k < actions.length && actions[k].end <= i) k++;
      const inAction = k < actions.length && actions[k].start <= i;
      if (inAction) {
        if (first < 0) first = i;
        if (actions[k].start === i && !CONTROL.test(text.slice(i, Math.min(actions[k].end, i + 64)))) {
          emits = true;
          output = joinColumns(output, outputColumns(text.slice(i, actions[k].end), i - lineStart));
        }
      } else if (text[i] !== ' ' && text[i] !== '\t') {
        covered = false;
      }
    }
    if (first >= 0) {
      const wholeLine = covered;
      for (let i = first; i < lineEnd; i++) {
        while (a < actions.length && actions[a].end <= i) a++;
        if (a < actions.length && actions[a].start <= i && !wholeLine) chars[i] = '_';
      }
      if (wholeLine) {
        chars[first] = '#';
        const writes = emits && actions.some((s) => s.start >= lineStart && s.start < lineEnd);
        templateLines.push({ line, indent: first - lineStart, span: { start: first, end: lineEnd }, emits: writes, output: writes ? output : [] });
      }
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
  }
  const last = actions[actions.length - 1];
  const unclosed = last !== undefined && !text.endsWith('}}', last.end);
  return { masked: chars.join(''), actions, templateLines, unclosed };
}
