import { readFileSync } from 'node:fs';
import { locateWasm } from '../wasm';

/** web-tree-sitter's runtime, which every grammar runs in. */
export const TREE_SITTER_RUNTIME = 'web-tree-sitter/web-tree-sitter.wasm';
export const TERRAFORM_GRAMMAR = '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm';
export const PUPPET_GRAMMAR = 'tree-sitter-puppet/tree-sitter-puppet.wasm';

/** A WASM file's path inside node_modules, to its module compiled in this process. */
export type CompiledWasm = ReadonlyMap<string, Promise<WebAssembly.Module>>;

/** The WebAssembly API used here: the project's `lib` (ES2022, no DOM) does not type it. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WebAssembly.Module>;
  Instance: new (module: WebAssembly.Module, imports: object) => object;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/**
 * The compiled module of a WASM file (its path inside node_modules, found beside the bundle first), compiled once:
 * `WebAssembly.compile` runs on V8's background threads, so compiling one ahead of its first use overlaps
 * whatever the main thread does meanwhile.
 */
export function compiledWasm(packageFile: string): Promise<WebAssembly.Module> {
  let module = compiled.get(packageFile);
  if (!module) {
    module = compileFile(packageFile);
    compiled.set(packageFile, module);
  }
  return module;
}

/**
 * Starts compiling WASM files that are likely to be needed soon. A failure is not reported here but to whoever
 * needs the module (a lint, which names it), so that a process that needs none runs on unharmed.
 */
export function compileAhead(packageFiles: readonly string[]): CompiledWasm {
  const started = new Map(packageFiles.map((file) => [file, compiledWasm(file)]));
  for (const module of started.values()) module.catch(() => undefined);
  return started;
}

/** An instance of a compiled module, synchronously (the module's code is compiled: this is quick). */
export function instantiate(module: WebAssembly.Module, imports: object): object {
  return new wasmApi.Instance(module, imports);
}

/**
 * Read at once (a millisecond for the largest, from the page cache): read asynchronously, the compile would start
 * only once the main thread is free to take the bytes, after the work it was meant to overlap.
 */
function compileFile(packageFile: string): Promise<WebAssembly.Module> {
  try {
    return wasmApi.compile(readFileSync(locateWasm(packageFile)));
  } catch (error) {
    return Promise.reject(error);
  }
}
