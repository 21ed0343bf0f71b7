// esbuild inject: gives ESM-only dependencies (e.g. @ruby/prism) a working import.meta.url in the CJS bundle.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
