import { readFile } from 'node:fs/promises';
import type { Node } from '@ruby/prism';
import type { parsePrism } from '@ruby/prism/src/parsePrism.js';
import { locateWasm } from '../../wasm';
import { MAX_RUBY_NESTING, rubyTooDeepAt } from './nesting';

export type Prism = typeof import('@ruby/prism');
export type ParseResult = ReturnType<typeof parsePrism>;

/** prism's WASM exports, as its parse function takes them. */
type PrismExports = Parameters<typeof parsePrism>[0];

/** The WebAssembly API used here: the project's `lib` (ES2022, no DOM) does not type it. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  Instance: new (module: object, imports: object) => { exports: PrismExports };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface RubyParser {
  prism: Prism;
  parsePrism: typeof parsePrism;
  /** A fresh instance of the compiled WASM module, synchronously. */
  instantiate: () => PrismExports;
  exports: PrismExports;
}

let loaded: RubyParser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads @ruby/prism (WASM under WASI) once: its node classes, its parse function, and the WASM module compiled,
 * so that an instance a parse broke is replaced without waiting. Node 20 announces WASI with an
 * ExperimentalWarning when the module is first imported; that one warning is held back (an editor shows stderr
 * as errors), every other warning still goes through.
 */
export function loadRubyParser(): Promise<void> {
  loading ??= withoutWasiWarning(async () => {
    // A plain copy of the module's exports: the bundles reach them through getters (CJS interop, twice when
    // prism is bundled apart), and the node classes are read for every `instanceof` of a walk.
    const prism: Prism = { ...(await import('@ruby/prism')) };
    const { parsePrism } = await import('@ruby/prism/src/parsePrism.js');
    const { WASI } = await import('node:wasi');
    const module = await wasmApi.compile(await readFile(locateWasm('@ruby/prism/src/prism.wasm')));
    const instantiate = (): PrismExports => {
      const wasi = new WASI({ version: 'preview1' });
      const instance = new wasmApi.Instance(module, wasi.getImportObject());
      wasi.initialize(instance);
      return instance.exports;
    };
    loaded = { prism, parsePrism, instantiate, exports: instantiate() };
  });
  return loading;
}

function loadedParser(): RubyParser {
  if (!loaded) throw new Error('the Ruby parser is not loaded: await initEngine() first');
  return loaded;
}

/** The node classes, for `instanceof`. */
export function rubyNodes(): Prism {
  return loadedParser().prism;
}

/** Why prism gave no tree: the text is too deep for it, or it failed on it. */
export interface RubyParseFailure {
  failed: string;
  /** Where, when known. */
  offset: number | undefined;
}

/**
 * Parses Ruby, or says why not. Text nested deeper than MAX_RUBY_NESTING is refused unparsed (prism's WASM
 * stack overflows on it). A parse that traps or reads back a broken tree leaves the instance's memory
 * corrupted: the instance is replaced before the next parse, so one hostile file breaks no later one.
 */
export function readRuby(text: string): ParseResult | RubyParseFailure {
  const parser = loadedParser();
  const tooDeep = rubyTooDeepAt(text);
  if (tooDeep !== undefined) return { failed: `nested deeper than ${MAX_RUBY_NESTING} levels; the file is not read`, offset: tooDeep };
  try {
    return parser.parsePrism(parser.exports, text);
  } catch (error) {
    parser.exports = parser.instantiate();
    return { failed: `the Ruby parser failed on this file (${error instanceof Error ? error.message : String(error)}); the file is not read`, offset: undefined };
  }
}

/** Parses Ruby that must parse (a snippet of the engine's own, a test's): a failure throws. */
export function parseRuby(text: string): ParseResult {
  const result = readRuby(text);
  if ('failed' in result) throw new Error(result.failed);
  return result;
}

/**
 * The node's children. Not `compactChildNodes()`: in @ruby/prism 1.9 it drops list fields (a `case`'s `when`
 * branches, a `rescue`'s exception classes; ruby/prism#4187), which `childNodes()` keeps.
 */
export function childrenOf(node: Node): Node[] {
  return node.childNodes().filter((child): child is Node => child !== null);
}

/**
 * Calls `visit` on `root` and every node under it, in source order, without recursion (input sets the depth: a
 * line of 5,000 `&&` is a tree 5,000 deep). `visit` may answer 'skip' to pass over a node's children, and may
 * return a function to call once they have all been visited.
 */
export function walkNodes(root: Node, visit: (node: Node) => 'skip' | (() => void) | void): void {
  const pending: (Node | (() => void))[] = [root];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next === 'function') {
      next();
      continue;
    }
    const answer = visit(next);
    if (answer === 'skip') continue;
    if (answer) pending.push(answer);
    const children = childrenOf(next);
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
  }
}

async function withoutWasiWarning(load: () => Promise<void>): Promise<void> {
  const emitWarning = process.emitWarning;
  const filtered = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]): void {
    const message = typeof warning === 'string' ? warning : warning.message;
    if (/^WASI is an experimental feature/.test(message)) return;
    Reflect.apply(emitWarning, this, [warning, ...rest]);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
  try {
    await load();
  } finally {
    process.emitWarning = emitWarning;
  }
}
