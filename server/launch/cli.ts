// `driftless`: the CLI bundle (dist/cli-main.js, built from server/cli.ts) run with V8's code cache.
import { setFlagsFromString } from 'node:v8';
import { join } from 'node:path';
import { runWithCodeCache } from './code-cache';
import { LAUNCHER_MODULE, type LauncherFacts } from './launcher-module';

/** The SHA-256 of dist/cli-main.js, set by build.mjs. */
declare const BUNDLE_DIGEST: string;

// Set before the bundle is compiled: V8 keys its code cache to the flags in force.
// The CLI is short-lived: V8's background optimisation of the parsers' WASM outlasts a small run (the
// process waits for it at exit, ~0.7 s) and does not pay for itself over thousands of files.
setFlagsFromString('--liftoff-only');
// For the same reason, optimised JavaScript inlines less (V8's budget is 920 bytes of bytecode per function):
// the larger graphs took more compile time than they saved. Over the YAML corpus, 5,000 Dockerfiles and four
// copies of the corpus this cut CPU time by 5-8% and wall time by up to 5%.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
// Young-generation collections only when the space is full, not also as a task when it is 80% full: a short run
// ends with that task's scavenge in its last idle moment (4-5 ms before exit on an empty folder), and a long one
// gains nothing by collecting early (the shared corpus and 161 Dockerfiles took the same CPU time either way).
setFlagsFromString('--no-minor-gc-task');

const facts: LauncherFacts = { bundleDigest: BUNDLE_DIGEST };
runWithCodeCache({ bundle: join(__dirname, 'cli-main.js'), digest: BUNDLE_DIGEST, env: process.env, modules: { [LAUNCHER_MODULE]: facts } });
