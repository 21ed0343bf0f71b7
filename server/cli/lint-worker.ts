import type * as WorkerThreads from 'node:worker_threads';
import { initEngine } from '../../rules/engine';
import { lintJob } from './lint-files';
import type { ChunkRequest, LintWorkerData, WorkerReply } from './lint-pool';

/**
 * A lint worker thread: initialises its own engine for the kinds at hand, says it is ready, then lints the chunks
 * the main thread sends.
 */
export function runLintWorker(): void {
  const { parentPort: port, workerData } = require('node:worker_threads') as typeof WorkerThreads;
  if (!port) throw new Error('runLintWorker() must run in a worker thread');
  const reply = (message: WorkerReply): void => port.postMessage(message);
  port.on('message', (request: ChunkRequest) => {
    try {
      reply({ id: request.id, results: request.jobs.map((job) => lintJob(job, request.cwd, request.fix)) });
    } catch (error) {
      reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  initEngine((workerData as LintWorkerData).kinds).then(
    () => reply({ ready: true }),
    (error: unknown) => reply({ error: `engine init failed: ${error instanceof Error ? error.message : String(error)}` }),
  );
}
