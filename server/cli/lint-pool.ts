import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileKind } from '../../rules/types';
import { lintJob, type JobResult, type LintJob } from './lint-files';

/** Below this many files a run stays on the main thread: starting a worker (its own WASM init) costs more. */
export const PARALLEL_MIN_FILES = 200;
/**
 * Workers pay off only with a core to spare beside the main thread, which walks, reads results and
 * formats: on 2 cores, 5,000 Dockerfiles took 4.8 s on the main thread and 4.9 s on two workers.
 */
const PARALLEL_MIN_CORES = 3;
const MAX_WORKERS = 8;
/** Files handed to a worker at a time: small enough to balance the load, large enough to keep messages few. */
const CHUNK = 32;

export interface LintFilesOptions {
  cwd: string;
  fix: boolean;
  /** Worker threads to lint with; undefined picks by file count and cores; 1 lints on the main thread. */
  jobs?: number;
  /** The script a worker runs (the CLI bundle itself); without it everything runs on the main thread. */
  workerScript?: string;
  /** The kinds the files may be: the parsers a worker loads. */
  kinds: readonly FileKind[];
  onProgress?: (done: number, total: number) => void;
}

export interface ChunkRequest {
  id: number;
  jobs: LintJob[];
  cwd: string;
  fix: boolean;
}

/** What a lint worker starts with. */
export interface LintWorkerData {
  kinds: readonly FileKind[];
}

export type WorkerReply = { id: number; results: JobResult[] } | { id: number; error: string };

/**
 * Lints every job, on worker threads when there are enough files and cores, handing each result to `onResult`
 * as soon as it and those before it are done, in the jobs' order: nothing of a file is kept once it is handed on.
 */
export async function lintFiles(jobs: readonly LintJob[], options: LintFilesOptions, onResult: (result: JobResult) => void): Promise<void> {
  const workers = workerCount(jobs.length, options);
  if (workers > 1 && options.workerScript) await lintOnWorkers(jobs, options, options.workerScript, workers, onResult);
  else lintHere(jobs, options, onResult);
}

function workerCount(files: number, options: LintFilesOptions): number {
  if (options.jobs !== undefined) return Math.min(options.jobs, Math.ceil(files / CHUNK));
  const cores = availableParallelism();
  if (files < PARALLEL_MIN_FILES || cores < PARALLEL_MIN_CORES) return 1;
  return Math.min(cores, MAX_WORKERS);
}

function lintHere(jobs: readonly LintJob[], options: LintFilesOptions, onResult: (result: JobResult) => void): void {
  for (let i = 0; i < jobs.length; i++) {
    onResult(lintJob(jobs[i], options.cwd, options.fix));
    options.onProgress?.(i + 1, jobs.length);
  }
}

function lintOnWorkers(
  jobs: readonly LintJob[],
  options: LintFilesOptions,
  script: string,
  count: number,
  onResult: (result: JobResult) => void,
): Promise<void> {
  const chunks: LintJob[][] = [];
  for (let i = 0; i < jobs.length; i += CHUNK) chunks.push(jobs.slice(i, i + CHUNK));
  /** Chunks done ahead of the next one to hand on; each is dropped once handed on. */
  const waiting = new Map<number, JobResult[]>();
  let nextToHand = 0;
  let nextChunk = 0;
  let done = 0;
  const pool: Worker[] = [];
  const retired = new Set<Worker>();
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(error);
    };
    const feed = (worker: Worker): void => {
      if (nextChunk >= chunks.length) {
        retired.add(worker);
        void worker.terminate();
        return;
      }
      const id = nextChunk++;
      const request: ChunkRequest = { id, jobs: chunks[id], cwd: options.cwd, fix: options.fix };
      worker.postMessage(request);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData: { kinds: options.kinds } satisfies LintWorkerData });
      pool.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) {
          fail(new Error(reply.error));
          return;
        }
        waiting.set(reply.id, reply.results);
        for (let ready = waiting.get(nextToHand); ready; ready = waiting.get(nextToHand)) {
          waiting.delete(nextToHand++);
          for (const result of ready) onResult(result);
        }
        done += reply.results.length;
        options.onProgress?.(done, jobs.length);
        if (done === jobs.length) {
          for (const w of pool) {
            retired.add(w);
            void w.terminate();
          }
          resolve();
        } else {
          feed(worker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!retired.has(worker)) fail(new Error(`a lint worker stopped early (exit code ${code})`));
      });
      feed(worker);
    }
  });
}
