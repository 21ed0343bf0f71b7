import { parentPort, workerData } from 'node:worker_threads';
import { initEngine } from '../../rules/engine';
import { lintJob } from './lint-files';
import type { ChunkRequest, LintWorkerData, WorkerReply } from './lint-pool';

/** A lint worker thread: initialises its own engine for the kinds at hand, then lints the chunks the main thread sends. */
export function runLintWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runLintWorker() must run in a worker thread');
  const ready = initEngine((workerData as LintWorkerData).kinds);
  port.on('message', (request: ChunkRequest) => {
    ready.then(
      () => {
        let reply: WorkerReply;
        try {
          reply = { id: request.id, results: request.jobs.map((job) => lintJob(job, request.cwd, request.fix)) };
        } catch (error) {
          reply = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
        }
        port.postMessage(reply);
      },
      (error: unknown) => port.postMessage({ id: request.id, error: `engine init failed: ${String(error)}` } satisfies WorkerReply),
    );
  });
}
