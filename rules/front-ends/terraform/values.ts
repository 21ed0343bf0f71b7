import { OffsetMap } from '../../shell/offset-map';
import type { Span } from '../../types';
import type { SyntaxNode } from './parse';

/** A string whose value is known: no interpolation, no directive. */
export interface HclString {
  value: string;
  /** The content: inside the quotes, or a heredoc's lines between its markers. */
  span: Span;
  /** The value is the content as written (no escape sequence): an edit at an offset of the value lands in the file. */
  written: boolean;
  heredoc: boolean;
}

/** Stands for an interpolation in shell text: an expansion, so the word it sits in has no known value. */
const UNKNOWN_VALUE = '$TF_VALUE';
/** The directive parts that are markup, not text (`%{ if x }`, `%{ endfor }`); the text inside stays. */
const DIRECTIVE_MARKUP = new Set(['template_if_intro', 'template_else_intro', 'template_if_end', 'template_for_start', 'template_for_end']);
const TEMPLATES = new Set(['string_lit', 'quoted_template', 'heredoc_template']);
const WRAPPERS = new Set(['expression', 'literal_value', 'template_expr', 'collection_value']);

/** The node an expression is, through the grammar's wrappers; undefined for an operation or a traversal (`var.x`, `a + b`). */
export function term(node: SyntaxNode | undefined): SyntaxNode | undefined {
  let at = node;
  while (at && WRAPPERS.has(at.type)) {
    let only: SyntaxNode | undefined;
    for (const child of at.children) {
      if (!child.isNamed) continue;
      if (only) return undefined;
      only = child;
    }
    at = only;
  }
  return at;
}

/** The template node (quoted string or heredoc) an expression is, interpolated or not. */
export function template(node: SyntaxNode | undefined): SyntaxNode | undefined {
  const at = term(node);
  return at && TEMPLATES.has(at.type) ? at : undefined;
}

/** Where a template's text sits: inside the quotes, or from the line after `<<EOT` to the start of the closing marker's line. */
export function contentSpan(node: SyntaxNode): Span | undefined {
  if (node.type !== 'heredoc_template') return { start: node.startIndex + 1, end: node.endIndex - 1 };
  const markers = node.children.filter((c) => c.type === 'heredoc_identifier');
  if (markers.length !== 2) return undefined;
  const source = node.text;
  const base = node.startIndex;
  const firstBreak = source.indexOf('\n', markers[0].endIndex - base);
  if (firstBreak < 0) return undefined;
  const closingLine = source.lastIndexOf('\n', markers[1].startIndex - base - 1) + 1;
  const start = base + firstBreak + 1;
  return { start, end: Math.max(start, base + closingLine) };
}

function isPlain(node: SyntaxNode): boolean {
  return node.children.every((c) => c.type !== 'template_interpolation' && c.type !== 'template_directive');
}

/** The string an expression holds, when it is literal. */
export function stringLiteral(node: SyntaxNode | undefined): HclString | undefined {
  const at = template(node);
  if (!at || !isPlain(at)) return undefined;
  const span = contentSpan(at);
  if (!span) return undefined;
  const heredoc = at.type === 'heredoc_template';
  const raw = at.text.slice(span.start - at.startIndex, span.end - at.startIndex);
  if (!hasSequence(raw)) return { value: raw, span, written: true, heredoc };
  const value = new OffsetMap();
  appendLiteral(value, raw, span.start, !heredoc);
  return { value: value.text, span, written: value.text === raw, heredoc };
}

/**
 * The template's text mapped to the file, for the shell: interpolations become an expansion (unknown, never
 * guessed), directive markup is dropped, escapes are decoded.
 */
export function templateText(node: SyntaxNode | undefined): { map: OffsetMap; heredoc: boolean } | undefined {
  const at = template(node);
  const span = at && contentSpan(at);
  if (!at || !span) return undefined;
  const holes: SyntaxNode[] = [];
  collectHoles(at, holes);
  const quoted = at.type !== 'heredoc_template';
  const map = new OffsetMap();
  const source = at.text;
  let cursor = span.start;
  for (const hole of holes) {
    if (hole.endIndex <= span.start || hole.startIndex >= span.end) continue;
    appendLiteral(map, source.slice(cursor - at.startIndex, hole.startIndex - at.startIndex), cursor, quoted);
    const replacement = hole.type === 'template_interpolation' ? UNKNOWN_VALUE : '';
    map.appendSynthetic(replacement, hole.startIndex, hole.endIndex - hole.startIndex);
    cursor = hole.endIndex;
  }
  appendLiteral(map, source.slice(cursor - at.startIndex, span.end - at.startIndex), cursor, quoted);
  return { map, heredoc: !quoted };
}

function collectHoles(node: SyntaxNode, holes: SyntaxNode[]): void {
  for (const child of node.children) {
    if (child.type === 'template_interpolation' || DIRECTIVE_MARKUP.has(child.type)) holes.push(child);
    else collectHoles(child, holes);
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
/** `\n`, `\"`, `\uNNNN` (quoted strings only), and `$${` / `%%{`, which stand for a literal `${` / `%{`. */
const SEQUENCE = /\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g;

/** Whether `text` may hold a sequence SEQUENCE decodes (most strings hold none, and are their own value). */
function hasSequence(text: string): boolean {
  return text.includes('\\') || text.includes('$${') || text.includes('%%{');
}

function appendLiteral(map: OffsetMap, text: string, fileStart: number, quoted: boolean): void {
  let cursor = 0;
  for (const match of text.matchAll(SEQUENCE)) {
    const sequence = match[0];
    if (sequence.startsWith('\\') && !quoted) continue;
    map.append(text.slice(cursor, match.index), fileStart + cursor);
    map.appendSynthetic(decode(sequence), fileStart + match.index, sequence.length);
    cursor = match.index + sequence.length;
  }
  map.append(text.slice(cursor), fileStart + cursor);
}

function decode(sequence: string): string {
  if (sequence === '$${') return '${';
  if (sequence === '%%{') return '%{';
  if (sequence[1] === 'u' || sequence[1] === 'U') return String.fromCodePoint(parseInt(sequence.slice(2), 16));
  return ESCAPES[sequence[1]] ?? sequence[1];
}

/** The elements of a tuple expression (`[a, b]`); undefined when it is not one. */
export function tupleItems(node: SyntaxNode | undefined): SyntaxNode[] | undefined {
  const at = term(node);
  return at?.type === 'tuple' ? at.children.filter((c) => c.type === 'expression') : undefined;
}

export interface ObjectEntry {
  key: string | undefined;
  keySpan: Span;
  value: SyntaxNode;
}

/** The entries of an object expression (`{ image = "x" }`); undefined when it is not one. */
export function objectEntries(node: SyntaxNode | undefined): ObjectEntry[] | undefined {
  const at = term(node);
  if (at?.type !== 'object') return undefined;
  const entries: ObjectEntry[] = [];
  for (const element of at.children) {
    if (element.type !== 'object_elem') continue;
    const [key, value] = element.children.filter((c) => c.type === 'expression');
    if (!key || !value) continue;
    const bare = term(key);
    const name = bare?.type === 'variable_expr' ? bare.text : stringLiteral(key)?.value;
    entries.push({ key: name, keySpan: { start: key.startIndex, end: key.endIndex }, value });
  }
  return entries;
}

/** `name(args…)`: the function's name and argument expressions; undefined when the expression is not a call. */
export function functionCall(node: SyntaxNode | undefined): { name: string; args: SyntaxNode[] } | undefined {
  const at = term(node);
  if (at?.type !== 'function_call') return undefined;
  const name = at.children.find((c) => c.type === 'identifier');
  const args = at.children.find((c) => c.type === 'function_arguments')?.children.filter((c) => c.type === 'expression') ?? [];
  return name ? { name: name.text, args } : undefined;
}

/** `a.b[0].c` as its names (`['a', 'b', 'c']`; index keys left out); undefined for anything but a traversal. */
export function traversal(node: SyntaxNode | undefined): string[] | undefined {
  if (node?.type !== 'expression') return undefined;
  const [root, ...steps] = node.children;
  if (root?.type !== 'variable_expr') return undefined;
  const names = [root.text];
  for (const step of steps) {
    if (step.type === 'get_attr') names.push(step.children.find((c) => c.type === 'identifier')?.text ?? '');
    else if (step.type !== 'index' && step.type !== 'splat') return undefined;
  }
  return names;
}

/** `true`/`false` written as such; undefined otherwise. */
export function boolLiteral(node: SyntaxNode | undefined): boolean | undefined {
  const at = term(node);
  if (at?.type !== 'bool_lit') return undefined;
  return at.text === 'true';
}

/** Every node below `node`, depth first. */
export function* descendants(node: SyntaxNode): Generator<SyntaxNode> {
  for (const child of node.children) {
    yield child;
    yield* descendants(child);
  }
}
