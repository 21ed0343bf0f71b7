/** Seeded mutations of real files: the shapes that broke front ends (deep nesting, splices, bad bytes, huge lines). */

export type Random = () => number;

/** mulberry32: a small seeded generator, the same inputs for the same seed. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const below = (rand: Random, n: number): number => Math.floor(rand() * n);
const pick = <T>(rand: Random, items: readonly T[]): T => items[below(rand, items.length)];

/** How large the generated shapes get: 1 for the long run, smaller for the unit-test run. */
export interface Scale {
  nesting: number;
  lineLength: number;
  copies: number;
}

export const LONG_RUN: Scale = { nesting: 2_000, lineLength: 200_000, copies: 3_000 };
export const SHORT_RUN: Scale = { nesting: 300, lineLength: 5_000, copies: 40 };

/** Inputs larger than this are not made: the engine's callers cap files at 10 MB, the fuzzer's budget at 1 MB. */
export const MAX_INPUT = 1_000_000;

interface Mutation {
  name: string;
  apply: (text: string, rand: Random, scale: Scale, donors: readonly string[]) => string;
}

const NESTERS = ['- ', '[', '{', '(', '$(', '`', '"#{', 'begin\n', 'if a\n', '{{ if .x }}', ' ', '\t', '&& ', '| ', '${', 'a: '];
const CLOSERS: Record<string, string> = { '[': ']', '{': '}', '(': ')', '$(': ')', '"#{': '}"', '${': '}' };
const ODD = ['\0', '\uFEFF', '\uFFFD', '\uD800', '\uDC00', '\r', '\r\n', '\u2028', '\u0085', '\\', '"', "'", '#', '---\n', '...\n', '{{', '}}', '\t', ':', '- ', '<<EOF\n', '@sha256:'];

/** A position in `text`: often a line start, where structure begins. */
function position(text: string, rand: Random): number {
  const at = below(rand, text.length + 1);
  if (rand() < 0.5) return at;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return rand() < 0.5 ? lineStart : Math.min(text.length, lineStart + text.slice(lineStart).search(/\S|$/));
}

const insertAt = (text: string, at: number, piece: string): string => text.slice(0, at) + piece + text.slice(at);

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'nest',
    apply(text, rand, scale) {
      const opener = pick(rand, NESTERS);
      const depth = 1 + below(rand, scale.nesting);
      const closer = CLOSERS[opener] !== undefined && rand() < 0.5 ? CLOSERS[opener].repeat(depth) : '';
      return insertAt(text, position(text, rand), opener.repeat(depth) + 'x' + closer);
    },
  },
  {
    name: 'indent-staircase',
    apply(text, rand, scale) {
      const depth = 1 + below(rand, scale.nesting);
      const step = pick(rand, ['- ', 'a:\n', '  - ', '- a:\n']);
      const lines = Array.from({ length: depth }, (_, i) => ' '.repeat(i * 2) + step.trimEnd());
      return insertAt(text, position(text, rand), `${lines.join('\n')}\n`);
    },
  },
  {
    name: 'splice',
    apply(text, rand, _scale, donors) {
      const donor = pick(rand, donors);
      const start = below(rand, donor.length + 1);
      return insertAt(text, position(text, rand), donor.slice(start, start + below(rand, 3_000)));
    },
  },
  {
    name: 'cut',
    apply(text, rand) {
      const start = below(rand, text.length + 1);
      return text.slice(0, start) + text.slice(start + below(rand, 400));
    },
  },
  {
    name: 'repeat-lines',
    apply(text, rand, scale) {
      const lines = text.split('\n');
      const from = below(rand, lines.length);
      const block = lines.slice(from, from + 1 + below(rand, 6)).join('\n');
      const copies = 1 + below(rand, scale.copies);
      return insertAt(text, position(text, rand), `${`${block}\n`.repeat(copies)}`);
    },
  },
  {
    name: 'odd-characters',
    apply(text, rand) {
      let out = text;
      for (let n = 1 + below(rand, 8); n > 0; n--) out = insertAt(out, position(out, rand), pick(rand, ODD));
      return out;
    },
  },
  {
    name: 'invalid-utf8',
    apply(text, rand) {
      const bytes = Buffer.from(text, 'utf8');
      for (let n = 1 + below(rand, 8); n > 0 && bytes.length > 0; n--) bytes[below(rand, bytes.length)] = 0x80 + below(rand, 0x80);
      return bytes.toString('utf8');
    },
  },
  {
    name: 'bom',
    apply: (text) => `\uFEFF${text}`,
  },
  {
    name: 'crlf',
    apply(text, rand) {
      if (rand() < 0.5) return text.replace(/\r?\n/g, '\r\n');
      return text.replace(/\n/g, (line) => (rand() < 0.3 ? '\r\n' : rand() < 0.1 ? '\r' : line));
    },
  },
  {
    name: 'huge-line',
    apply(text, rand, scale) {
      const unit = pick(rand, [' ', 'a', '\\', '$', '"', 'x ', '- ', '&& x ', ',', '#']);
      return insertAt(text, position(text, rand), unit.repeat(1 + below(rand, scale.lineLength / unit.length)));
    },
  },
  {
    name: 'trailing-blanks',
    apply: (text, rand) => text.replace(/\n/g, (eol) => (rand() < 0.3 ? `${' '.repeat(below(rand, 40))}${eol}` : eol)),
  },
];

/** `text` after 1 to 3 random mutations, with their names; never larger than MAX_INPUT. */
export function mutate(text: string, rand: Random, scale: Scale, donors: readonly string[]): { text: string; applied: string[] } {
  let out = text;
  const applied: string[] = [];
  for (let n = 1 + below(rand, 3); n > 0; n--) {
    const mutation = pick(rand, MUTATIONS);
    const next = mutation.apply(out, rand, scale, donors);
    if (next.length > MAX_INPUT) continue;
    out = next;
    applied.push(mutation.name);
  }
  return { text: out, applied };
}
