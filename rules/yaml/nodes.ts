import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from '../types';
import type { ParsedYaml } from './parse';
import { writesAt, writesUnder } from './template-mask';
import { appendAll } from '../arrays';

/** Alias dereferences allowed per document: a "billion laughs" stream stops resolving, it never explodes. */
export const MAX_ALIAS_RESOLUTIONS = 1_000;

export type YamlPair = Pair<unknown, unknown>;

/** YAML 1.1 booleans as Kubernetes (go-yaml) and compose read them. */
const TRUE = /^(?:true|True|TRUE|yes|Yes|YES|on|On|ON)$/;
const FALSE = /^(?:false|False|FALSE|no|No|NO|off|Off|OFF)$/;
/** The plain scalars YAML 1.2 reads as null. */
const NULL = /^(?:~|null|Null|NULL)?$/;

/** A null value: an empty, `~` or `null` plain scalar. Scalars are composed as strings (see stretch.ts), so this is told from the text. */
export function isNullScalar(scalar: Scalar): boolean {
  return scalar.type === Scalar.PLAIN && NULL.test(String(scalar.value));
}

/**
 * Read access to one parsed document: aliases followed within a budget, merge keys (`<<: *x`)
 * honoured, scalar text taken from the source, template actions treated as unknown values.
 */
export class YamlView {
  private anchors: Map<string, Node[]> | undefined;
  private resolutions = 0;
  private readonly expanded = new WeakMap<YAMLMap<unknown, unknown>, YamlPair[]>();
  private readonly expanding = new WeakSet<YAMLMap<unknown, unknown>>();

  constructor(
    readonly parsed: ParsedYaml,
    readonly doc: Document.Parsed,
  ) {}

  get text(): string {
    return this.parsed.text;
  }

  /** The document has YAML errors, or sits in a Helm template with an action left open: no edit is made in it. */
  get hasErrors(): boolean {
    return this.doc.errors.length > 0 || this.parsed.template?.unclosed === true;
  }

  /** The node itself, or the anchored node an alias names; undefined for null, cycles past the budget. */
  deref(node: unknown): Node | undefined {
    if (!isAlias(node)) return isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
    if (++this.resolutions > MAX_ALIAS_RESOLUTIONS) return undefined;
    const candidates = this.anchorTable().get(node.source) ?? [];
    const at = node.range?.[0] ?? 0;
    let target: Node | undefined;
    for (const c of candidates) if ((c.range?.[0] ?? 0) < at) target = c;
    return target;
  }

  map(node: unknown): YAMLMap<unknown, unknown> | undefined {
    const n = this.deref(node);
    return isMap(n) ? n : undefined;
  }

  seq(node: unknown): YAMLSeq<unknown> | undefined {
    const n = this.deref(node);
    return isSeq(n) ? n : undefined;
  }

  scalar(node: unknown): Scalar | undefined {
    const n = this.deref(node);
    return isScalar(n) ? n : undefined;
  }

  /** The map's pairs with merge keys expanded; own keys win over merged ones. */
  pairs(map: YAMLMap<unknown, unknown>): YamlPair[] {
    if (!map.items.some((p) => isScalar(p.key) && p.key.value === '<<')) return map.items;
    const known = this.expanded.get(map);
    if (known) return known;
    if (this.expanding.has(map)) return [];
    this.expanding.add(map);
    const result = this.expand(map);
    this.expanding.delete(map);
    this.expanded.set(map, result);
    return result;
  }

  private expand(map: YAMLMap<unknown, unknown>): YamlPair[] {
    const own: YamlPair[] = [];
    const merged: YamlPair[] = [];
    for (const pair of map.items) {
      if (isScalar(pair.key) && pair.key.value === '<<' && isAlias(pair.value)) appendAll(merged, this.mergedPairs(pair.value));
      else if (isScalar(pair.key) && pair.key.value === '<<' && isSeq(pair.value)) {
        for (const item of pair.value.items) appendAll(merged, this.mergedPairs(item));
      } else own.push(pair);
    }
    if (merged.length === 0) return own;
    const keys = new Set(own.map((p) => this.keyOf(p)));
    return [...own, ...merged.filter((p) => !keys.has(this.keyOf(p)))];
  }

  private mergedPairs(node: unknown): YamlPair[] {
    const target = this.map(node);
    return target ? this.pairs(target) : [];
  }

  keyOf(pair: YamlPair): string | undefined {
    const key = this.scalar(pair.key);
    return key ? String(key.value) : undefined;
  }

  get(map: YAMLMap<unknown, unknown> | undefined, key: string): YamlPair | undefined {
    if (!map) return undefined;
    return this.pairs(map).find((p) => this.keyOf(p) === key);
  }

  getMap(map: YAMLMap<unknown, unknown> | undefined, key: string): YAMLMap<unknown, unknown> | undefined {
    return this.map(this.get(map, key)?.value);
  }

  getSeq(map: YAMLMap<unknown, unknown> | undefined, key: string): YAMLSeq<unknown> | undefined {
    return this.seq(this.get(map, key)?.value);
  }

  getScalar(map: YAMLMap<unknown, unknown> | undefined, key: string): Scalar | undefined {
    return this.scalar(this.get(map, key)?.value);
  }

  /** A map at a path of keys, e.g. `spec.template.spec`. */
  path(map: YAMLMap<unknown, unknown> | undefined, ...keys: string[]): YAMLMap<unknown, unknown> | undefined {
    let at = map;
    for (const key of keys) at = this.getMap(at, key);
    return at;
  }

  /** The scalar's text as written (source slice for plain scalars, so `1.10` stays `1.10`); undefined when templated. */
  literal(scalar: Scalar | undefined): string | undefined {
    if (!scalar?.range || this.isTemplated(scalar)) return undefined;
    if (scalar.type === Scalar.PLAIN) {
      const source = this.text.slice(scalar.range[0], scalar.range[1]);
      return source.includes('\n') ? String(scalar.value) : source;
    }
    return typeof scalar.value === 'string' ? scalar.value : String(scalar.value);
  }

  /** The string a key holds, literal only. */
  str(map: YAMLMap<unknown, unknown> | undefined, key: string): string | undefined {
    return this.literal(this.getScalar(map, key));
  }

  /** A literal YAML 1.1 boolean, or undefined when absent, templated or not a boolean. */
  bool(scalar: Scalar | undefined): boolean | undefined {
    if (!scalar || scalar.type !== Scalar.PLAIN) return undefined;
    const t = this.literal(scalar);
    if (t === undefined) return undefined;
    if (TRUE.test(t)) return true;
    if (FALSE.test(t)) return false;
    return undefined;
  }

  /** True when a template action overlaps the node (its value is not literal). */
  isTemplated(node: Node | undefined): boolean {
    const actions = this.parsed.template?.actions;
    if (!actions || !node?.range) return false;
    const [start, , end] = node.range;
    return actions.some((a) => a.start < Math.max(end, start + 1) && start < a.end);
  }

  /**
   * True when a template may add any key to the map: one of its keys is templated
   * (`{{- with .Values.immutable }}immutable: {{ . }}{{ end }}`), or a template line within it writes
   * at its keys' column (`{{- toYaml .Values.extra | nindent 10 }}`; a column-0 `{{ include … | nindent 4 }}`
   * writes at column 4).
   */
  mayHaveTemplatedKeys(map: YAMLMap<unknown, unknown>): boolean {
    const lines = this.parsed.template?.templateLines;
    if (!lines || !map.range) return false;
    if (map.items.some((p) => this.isTemplated((p.key as Node | null) ?? undefined))) return true;
    const first = this.parsed.lines.position(map.range[0]).line;
    const last = this.parsed.lines.position(Math.max(map.range[0], map.range[2] - 1)).line;
    const column = this.column(map.range[0]);
    const filled = map.items
      .map((p) => (p.value as Node | null)?.range)
      .filter((r): r is [number, number, number] => r !== undefined && r !== null && r[2] > r[0]);
    return lines.some(
      (l) =>
        writesAt(l, column) &&
        l.line >= first &&
        l.line <= last + 1 &&
        !filled.some((r) => r[0] <= l.span.start && l.span.start < r[2]),
    );
  }

  /**
   * True when the pair's empty value is filled by the template lines after its key, control lines skipped
   * (`securityContext:` + `{{- toYaml … | nindent 12 }}`).
   */
  hasTemplatedValue(pair: YamlPair): boolean {
    const lines = this.parsed.template?.templateLines;
    const key = pair.key as Node | null;
    if (!lines || !key?.range) return false;
    const value = this.scalar(pair.value);
    if (pair.value !== null && (!value || (!isNullScalar(value) && value.value !== ''))) return false;
    const keyLine = this.parsed.lines.position(key.range[0]).line;
    const keyColumn = this.column(key.range[0]);
    let next = keyLine + 1;
    for (const l of lines) {
      if (l.line < next) continue;
      if (l.line !== next) return false;
      if (l.emits) return writesUnder(l, keyColumn);
      next++;
    }
    return false;
  }

  /** 0-based column of an offset, a leading BOM not counted. */
  column(offset: number): number {
    const pos = this.parsed.lines.position(offset);
    return pos.line === 0 && this.text.charCodeAt(0) === 0xfeff ? pos.character - 1 : pos.character;
  }

  /** From the node's start to the end of its value (trailing comments excluded). */
  span(node: Node | YamlPair | undefined | null): Span | undefined {
    if (!node) return undefined;
    if (isPair(node)) {
      const k = node.key as Node | null;
      const v = node.value as Node | null;
      const start = k?.range?.[0] ?? v?.range?.[0];
      const end = v?.range?.[1] ?? k?.range?.[1];
      return start === undefined || end === undefined ? undefined : { start, end: Math.max(start, end) };
    }
    const r = node.range;
    return r ? { start: r[0], end: r[1] } : undefined;
  }

  /** The scalar's text inside its quotes. */
  innerSpan(scalar: Scalar): Span | undefined {
    const r = scalar.range;
    if (!r) return undefined;
    if (scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE) return { start: r[0] + 1, end: r[1] - 1 };
    if (scalar.type === Scalar.PLAIN) return { start: r[0], end: r[1] };
    return undefined;
  }

  private anchorTable(): Map<string, Node[]> {
    if (this.anchors) return this.anchors;
    const table = new Map<string, Node[]>();
    visit(this.doc, {
      Node(_key, node) {
        if (node.anchor) {
          const list = table.get(node.anchor) ?? [];
          list.push(node);
          table.set(node.anchor, list);
        }
      },
    });
    this.anchors = table;
    return table;
  }
}

