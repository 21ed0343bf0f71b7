// The language server (`node dist/server.js --stdio`): the server bundle (dist/server-main.js, built from
// server/server.ts) run with V8's code cache.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runWithCodeCache } from './code-cache';

/** The SHA-256 of dist/server-main.js, set by build.mjs. */
declare const BUNDLE_DIGEST: string;

/** Long enough after start for the cache to hold what answering `initialize` and handling the first messages compiled. */
const SAVE_AFTER_MS = 1500;

// Set before the bundle is compiled: V8 keys its code cache to the flags in force.
// The parsers' WASM stays in its baseline (Liftoff) code: V8's optimised WASM code took about 33 MB of the server's
// memory in a workspace audit (peak RSS 212 -> 179 MB over 5,671 files) and bought nothing measurable: the audit
// ran at the same files/s, and didChange -> diagnostics was no slower (a 300-line Dockerfile, a 3,000-line
// Terraform file) without the background compiles competing for the 2 cores.
setFlagsFromString('--liftoff-only');

runWithCodeCache({ bundle: join(__dirname, 'server-main.js'), digest: BUNDLE_DIGEST, saveAfterMs: SAVE_AFTER_MS, env: process.env });
