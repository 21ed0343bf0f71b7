import type * as WorkerThreads from 'node:worker_threads';
import { runCli } from './cli/run';
import { runLintWorker } from './cli/lint-worker';
import { engineBuild } from './cli/engine-build';
import { standardOutput } from './cli/standard-output';
import { LAUNCHER_MODULE, type LauncherFacts } from './launch/launcher-module';

// Built into dist/cli-main.js, which dist/cli.js (launch/cli.ts) runs after setting V8's flags for the CLI.
const launcher = launcherFacts();
if (launcher !== undefined || onMainThread()) {
  const stdout = standardOutput(1, () => {
    // A reader that stops early (`driftless | head`) closes the pipe: stop quietly, as other CLIs do.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
    return process.stdout;
  });
  const stderr = standardOutput(2, () => process.stderr);
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => stdout.write(text),
    stderr: (text) => stderr.write(text),
    stdoutIsTTY: stdout.isTerminal,
    stderrIsTTY: stderr.isTerminal,
    workerScript: __filename,
    engineBuild: () => engineBuild(__filename, launcher?.bundleDigest),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      stderr.write(`driftless: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
} else {
  runLintWorker();
}

/**
 * dist/cli.js runs this bundle on the main thread only; a lint worker runs it from the file. Asked only of a bundle
 * run without the launcher: node:worker_threads costs a start 1-4 ms.
 */
function onMainThread(): boolean {
  return (require('node:worker_threads') as typeof WorkerThreads).isMainThread;
}

/** What dist/cli.js told this bundle about itself; undefined when it was run without it. */
function launcherFacts(): LauncherFacts | undefined {
  try {
    return require(LAUNCHER_MODULE) as LauncherFacts;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}
