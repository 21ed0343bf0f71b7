// What the benchmarks measure in process, bundled as the CLI and the server bundle it (see bundled-engine.ts).
export { DocumentParseCache } from '../rules/document-cache';
export { initEngine, lint } from '../rules/engine';
export { lintPath } from '../server/workspace';
export { chooseFixes, fixText } from '../rules/fixes';
export { applyEdits } from '../rules/text';
export { loadGrammar } from '../rules/tree-sitter/grammar';
