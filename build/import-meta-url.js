// esbuild inject: gives ESM-only dependencies (e.g. @ruby/prism) a working import.meta.url in the CJS bundle.
// Made when first read: every module of a bundle starts with the inject, and making the URL cost each start 0.5-1 ms.
export const importMeta = {
  get url() {
    return require('node:url').pathToFileURL(__filename).href;
  },
};
