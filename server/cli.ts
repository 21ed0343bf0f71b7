import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { runCli } from './cli/run';
import { runLintWorker } from './cli/lint-worker';

// The CLI is short-lived: V8's background optimisation of the parsers' WASM outlasts a small run (the
// process waits for it at exit, ~0.7 s) and does not pay for itself over thousands of files.
setFlagsFromString('--liftoff-only');
// For the same reason, optimised JavaScript inlines less (V8's budget is 920 bytes of bytecode per function):
// the larger graphs took more compile time than they saved. Over the YAML corpus, 5,000 Dockerfiles and four
// copies of the corpus this cut CPU time by 5-8% and wall time by up to 5%.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');

if (isMainThread) {
  // A reader that stops early (`driftless | head`) closes the pipe: stop quietly, as other CLIs do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    workerScript: __filename,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`driftless: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
} else {
  runLintWorker();
}
