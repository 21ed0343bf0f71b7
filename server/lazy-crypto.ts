import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;

/**
 * node:crypto, required on first use: the bundles turn an `import` of a built-in into a `require` run at start,
 * and loading node:crypto cost every CLI start 3-10 ms, though most runs hash nothing (text output, no fixes).
 */
export function lazyCrypto(): typeof Crypto {
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto;
}
