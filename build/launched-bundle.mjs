// The form of the bundles the launchers run with V8's code cache (server/launch/code-cache.ts): the bundle's
// text is, as it stands, a CommonJS module's function, so the launcher compiles the file's text itself. Wrapping
// it at start (Module.wrap) made V8 copy the joined 1 MB text into one string before compiling: about 6 ms of
// every start. Run as a module (`node dist/cli-main.js`, a lint worker), the same text calls the function with
// the module's own arguments.

/** Before the bundle's code: the arrow sees the module wrapper's `arguments` when Node runs the file as a module, none when a launcher compiles it as a script. */
export const LAUNCHED_BANNER = '(run=>typeof arguments==="object"?run.apply(this,arguments):run)(function(exports,require,module,__filename,__dirname){';
export const LAUNCHED_FOOTER = '});';

/**
 * The launcher reads the bundle as Latin-1, which V8 keeps as one-byte text without decoding UTF-8: that is the
 * same text only for ASCII.
 */
export function assertAscii(file, bytes) {
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at !== -1) throw new Error(`${file} holds a non-ASCII byte at ${at}: the launcher reads it as Latin-1`);
}
