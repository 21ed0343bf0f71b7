// The language server (`node dist/server.js --stdio`): the server bundle (dist/server-main.js, built from
// server/server.ts) run with V8's code cache.
import { join } from 'node:path';
import { runWithCodeCache } from './code-cache';

/** The SHA-256 of dist/server-main.js, set by build.mjs. */
declare const BUNDLE_DIGEST: string;

/** Long enough after start for the cache to hold what answering `initialize` and handling the first messages compiled. */
const SAVE_AFTER_MS = 1500;

runWithCodeCache({ bundle: join(__dirname, 'server-main.js'), digest: BUNDLE_DIGEST, saveAfterMs: SAVE_AFTER_MS, env: process.env });
