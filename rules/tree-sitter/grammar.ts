import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import type { Span } from '../types';
import { MAX_SYNTAX_DEPTH } from './syntax-tree';
import { compiledWasm, instantiate, TREE_SITTER_RUNTIME } from './wasm-modules';

let runtime: Promise<void> | undefined;

/**
 * A parser for one grammar: web-tree-sitter's runtime is loaded once for all of them, then the grammar's WASM
 * (`packageFile`, its path inside node_modules, found beside the bundle first), each from its compiled module
 * (compiled ahead, or now).
 */
export async function loadGrammar(packageFile: string): Promise<Parser> {
  runtime ??= compiledWasm(TREE_SITTER_RUNTIME).then((module) =>
    Parser.init({
      // Called inside a promise's executor: a failed instantiation rejects Parser.init.
      instantiateWasm: (imports: object, done: (instance: object, module: WebAssembly.Module) => void) => {
        done(instantiate(module, imports), module);
        return {};
      },
    }),
  );
  const [, grammar] = await Promise.all([runtime, compiledWasm(packageFile)]);
  return new Parser().setLanguage(Language.loadSync(grammar));
}

/**
 * How much work a parse may do. tree-sitter's error recovery is quadratic on some hostile shapes (blanks before a
 * unary minus: 20,000 took 5.8 s): its lexer reads the same text again and again. Work is counted, not timed, so
 * that a file reads the same on a busy machine as on an idle one (a deadline in ms made the findings depend on
 * the load): the characters the lexer asks for, handed over in small chunks so that every re-read is counted, and
 * the parser's progress reports (one per 100 operations). A real file asks for each character about 1.1 times and
 * reports once per ~60 characters; the limits leave a wide margin and stop 20,000 blanks before a `-` in 0.1 s.
 */
export class ParseBudget {
  /** Characters the lexer may still ask for. */
  characters: number;
  /** Progress reports (100 parser operations each) still allowed. */
  reports: number;

  constructor(characters: number, reports: number) {
    this.characters = characters;
    this.reports = reports;
  }

  /** The budget of a parse of `length` characters. */
  static forText(length: number): ParseBudget {
    return new ParseBudget(CHARACTERS_FLOOR + CHARACTERS_PER_CHARACTER * length, REPORTS_FLOOR + Math.ceil(length * REPORTS_PER_CHARACTER));
  }

  get spent(): boolean {
    return this.characters < 0 || this.reports < 0;
  }
}

const CHARACTERS_FLOOR = 2_000_000;
const CHARACTERS_PER_CHARACTER = 16;
const REPORTS_FLOOR = 20_000;
const REPORTS_PER_CHARACTER = 0.5;
/** What the lexer gets per request: small, so that text read again is asked for (and counted) again. */
const CHUNK = 1024;
/**
 * The last resort, for shapes whose parser operations are each costly without reading text again (deep nesting
 * inside a broken expression: 194 KB of them parse in 2.6 s, 13 us a character, reading each character once): a
 * clock, at 1 s plus 2 us a character. A real file parses at ~0.5 us a character idle (a 66 KB file in 35 ms), so
 * the floor is 30 times that for files under 70 KB and the rate four times it above: a busy machine does not reach
 * it on a real file, whose reading so does not depend on the load.
 */
const BACKSTOP_FLOOR_MS = 1_000;
const BACKSTOP_MS_PER_CHARACTER = 0.002;

/** The clock's backstop for reading a text of `length` characters: a `performance.now()` time, from now. */
export function parseBackstop(length: number): number {
  return performance.now() + BACKSTOP_FLOOR_MS + length * BACKSTOP_MS_PER_CHARACTER;
}

/**
 * The tree of `text` (edited from `oldTree` when given); undefined when parsing runs out of `budget`, which it
 * spends (a caller may share one budget between several parses), or past `backstop` (shared the same way).
 */
export function parseWithinBudget(parser: Parser, text: string, oldTree?: Tree, budget = ParseBudget.forText(text.length), backstop = parseBackstop(text.length)): Tree | undefined {
  let parsing = true;
  let cut = false;
  // The tree keeps this function for node texts: only the parse itself is counted or cut short.
  const input = (index: number): string => {
    if (!parsing) return text.slice(index);
    if (budget.characters <= 0 && index < text.length) {
      cut = true;
      return '';
    }
    const chunk = text.slice(index, index + CHUNK);
    budget.characters -= chunk.length;
    return chunk;
  };
  const tree = parser.parse(input, oldTree, {
    progressCallback: () => {
      budget.reports--;
      if (!cut && !budget.spent && performance.now() > backstop) parsesStoppedByClock++;
      cut ||= budget.spent || performance.now() > backstop;
      return cut;
    },
  });
  parsing = false;
  // A parse whose input was cut short read an early end of the text, not the text.
  if (tree && !cut) return tree;
  tree?.delete();
  parser.reset();
  return undefined;
}

let parsesStoppedByClock = 0;

/**
 * How many parses of this thread the clock's backstop stopped so far. The engine's only dependence on the clock:
 * a lint during which the count grew says what the machine's load allowed, not only what its input is (the CLI's
 * result cache keeps no such result).
 */
export function parsesStoppedByClockSoFar(): number {
  return parsesStoppedByClock;
}

/** The syntax error of a file whose parse ran out of its budget: nothing of it is read. */
export function tooSlowError(text: string): { message: string; span: Span } {
  return {
    message: 'parsing took far more work than a file of this size needs (the parser\'s error recovery on this text); the file is not read',
    span: { start: 0, end: Math.min(1, text.length) },
  };
}

/** ERROR and MISSING nodes in file order; the insides of an ERROR are not searched again. */
export function syntaxErrorNodes(root: Node): Node[] {
  const found: Node[] = [];
  // An explicit stack, children pushed last first: input sets the depth.
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.isError || node.isMissing) found.push(node);
    else if (node.hasError) {
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) pending.push(child);
      }
    }
  }
  return found;
}

const EXCERPT_LENGTH = 40;

/** The syntax error of a tree cut at MAX_SYNTAX_DEPTH, at the first node left out. */
export function tooDeepError(at: number, source: string): { message: string; span: Span } {
  return { message: `nested deeper than ${MAX_SYNTAX_DEPTH} levels; what lies deeper is not read`, span: { start: at, end: Math.min(source.length, at + 1) } };
}

/** How a syntax error node reads in a message: ``missing `}` `` or ``unexpected `first line of it…` ``. */
export function describeSyntaxError(node: Node): string {
  if (node.isMissing) return `missing \`${node.type}\``;
  const text = node.text;
  const line = text.split(/\r?\n/, 1)[0].trim();
  const cut = line.length > EXCERPT_LENGTH || line.length < text.trim().length;
  return `unexpected \`${cut ? `${line.slice(0, EXCERPT_LENGTH)}…` : line}\``;
}
