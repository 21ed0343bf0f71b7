import type { Node } from '@ruby/prism';

export type Prism = typeof import('@ruby/prism');
type ParseRuby = Awaited<ReturnType<Prism['loadPrism']>>;
export type ParseResult = ReturnType<ParseRuby>;

let loaded: { prism: Prism; parse: ParseRuby } | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads @ruby/prism (WASM under WASI) once. Node 20 announces WASI with an ExperimentalWarning when the
 * module is first imported; that one warning is held back (an editor shows stderr as errors), every
 * other warning still goes through.
 */
export function loadRubyParser(): Promise<void> {
  loading ??= withoutWasiWarning(async () => {
    // A plain copy of the module's exports: the bundles reach them through getters (CJS interop, twice when
    // prism is bundled apart), and the node classes are read for every `instanceof` of a walk.
    const prism: Prism = { ...(await import('@ruby/prism')) };
    const parse = await prism.loadPrism();
    loaded = { prism, parse };
  });
  return loading;
}

function loadedParser(): { prism: Prism; parse: ParseRuby } {
  if (!loaded) throw new Error('the Ruby parser is not loaded: await initEngine() first');
  return loaded;
}

/** The node classes, for `instanceof`. */
export function rubyNodes(): Prism {
  return loadedParser().prism;
}

export function parseRuby(text: string): ParseResult {
  return loadedParser().parse(text);
}

/**
 * The node's children. Not `compactChildNodes()`: in @ruby/prism 1.9 it drops list fields (a `case`'s `when`
 * branches, a `rescue`'s exception classes; ruby/prism#4187), which `childNodes()` keeps.
 */
export function childrenOf(node: Node): Node[] {
  return node.childNodes().filter((child): child is Node => child !== null);
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
