import type * as Os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type * as WorkerThreads from 'node:worker_threads';
import type { FileKind } from '../../rules/types';
import { lintJob, type JobResult, type LintJob } from './lint-files';

/**
 * Without `--jobs`, runs of fewer files stay on the main thread. A worker costs 0.2-0.5 s of CPU before it
 * is of use (Node's start, the bundle, its WASM) and then lints its first few hundred files at a fraction of
 * the speed of a warm thread, as V8 compiles and optimises the engine in each thread anew. On 2 cores, with
 * one worker beside the main thread: 300 and 600 Dockerfiles were 15-18% slower, 300 Terraform modules even,
 * 2,000 Terraform modules and 5,000 Dockerfiles faster.
 */
export const PARALLEL_MIN_FILES = 1000;
/**
 * A machine whose 1-minute load average is this per core is busy. On 2 cores, 2,000 Terraform modules linted
 * 30% faster with a worker at load 2-3; at load 10, the shared corpus was 27% slower with one.
 */
const BUSY_LOAD_PER_CORE = 1.5;
const MAX_THREADS = 8;
/** The most files handed to a worker at a time: enough to keep messages few; fewer near the end, to finish together. */
const WORKER_CHUNK = 32;
/** Chunks a worker holds at a time: the next waits in its queue while the main thread, linting, cannot answer. */
const CHUNKS_IN_FLIGHT = 2;
/** Files the main thread lints between looks at the workers' messages. */
const MAIN_CHUNK = 4;

export interface LintFilesOptions {
  cwd: string;
  fix: boolean;
  /** Threads to lint on, the main thread included (1: the main thread only); undefined picks by files, cores and load. */
  jobs?: number;
  /** The script a worker runs (the CLI bundle itself); without it everything runs on the main thread. */
  workerScript?: string;
  /** The kinds the files may be: the parsers a worker loads. */
  kinds: readonly FileKind[];
  onProgress?: (done: number, total: number) => void;
}

export interface ChunkRequest {
  /** The index of the chunk's first job in the run. */
  id: number;
  jobs: LintJob[];
  cwd: string;
  fix: boolean;
}

/** What a lint worker starts with. */
export interface LintWorkerData {
  kinds: readonly FileKind[];
}

/** A worker says it is ready (its engine initialised) before it is handed a chunk, then answers each one. */
export type WorkerReply = { ready: true } | { id: number; results: JobResult[] } | { error: string };

/**
 * Lints every job on the main thread and, for a large enough run, on worker threads beside it, handing each
 * result to `onResult` as soon as it and those before it are done, in the jobs' order: nothing of a file is
 * kept once it is handed on.
 */
export async function lintFiles(jobs: readonly LintJob[], options: LintFilesOptions, onResult: (result: JobResult) => void): Promise<void> {
  if (jobs.length === 0) return;
  // Required here, not imported: a bundle's imports of built-ins run at start, and most runs start no worker.
  const { availableParallelism, loadavg } = require('node:os') as typeof Os;
  const workers = workersFor(jobs.length, options.jobs, availableParallelism(), loadavg()[0]);
  if (workers > 0 && options.workerScript !== undefined) await new ParallelRun(jobs, options, options.workerScript, workers, onResult).run();
  else lintHere(jobs, options, onResult);
}

/**
 * `--jobs N` asks for N threads: the main thread and N-1 workers. Without it, a large run has one thread per
 * core unless the machine is busy: a worker that waits for a core only adds its start-up and warm-up to the run.
 */
export function workersFor(files: number, jobs: number | undefined, cores: number, load: number): number {
  const threads = jobs ?? (files < PARALLEL_MIN_FILES || load >= cores * BUSY_LOAD_PER_CORE ? 1 : Math.min(MAX_THREADS, cores));
  return Math.max(0, Math.min(threads - 1, Math.ceil(files / WORKER_CHUNK)));
}

function lintHere(jobs: readonly LintJob[], options: LintFilesOptions, onResult: (result: JobResult) => void): void {
  for (let i = 0; i < jobs.length; i++) {
    onResult(lintJob(jobs[i], options.cwd, options.fix));
    options.onProgress?.(i + 1, jobs.length);
  }
}

/** One run on the main thread and workers: each takes chunks from the front of the jobs left. */
class ParallelRun {
  private readonly threads: number;
  /** The first job not yet taken by a thread. */
  private next = 0;
  /** The first job not yet handed on. */
  private nextToHand = 0;
  private done = 0;
  /** Chunks done ahead of the next one to hand on, by their first job's index; each is dropped once handed on. */
  private readonly waiting = new Map<number, JobResult[]>();
  /** The workers started, and the chunks each holds. */
  private readonly holding = new Map<Worker, number>();
  private readonly retired = new Set<Worker>();
  private failure: Error | undefined;
  private finish!: () => void;
  private readonly finished = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(
    private readonly jobs: readonly LintJob[],
    private readonly options: LintFilesOptions,
    private readonly script: string,
    private readonly workers: number,
    private readonly onResult: (result: JobResult) => void,
  ) {
    this.threads = workers + 1;
  }

  async run(): Promise<void> {
    this.startWorkers();
    try {
      // The main thread lints small chunks from the front, looking at the workers' messages in between.
      for (let chunk = this.take(MAIN_CHUNK); chunk && !this.failure; chunk = this.take(MAIN_CHUNK)) {
        this.complete(chunk.id, chunk.jobs.map((job) => lintJob(job, this.options.cwd, this.options.fix)));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
    await this.finished;
    if (this.failure) throw this.failure;
  }

  private startWorkers(): void {
    const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
    for (let i = 0; i < this.workers; i++) {
      const worker = new Worker(this.script, { workerData: { kinds: this.options.kinds } satisfies LintWorkerData });
      this.holding.set(worker, 0);
      worker.on('message', (reply: WorkerReply) => {
        try {
          this.onReply(worker, reply);
        } catch (error) {
          this.fail(error instanceof Error ? error : new Error(String(error)));
        }
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.retired.has(worker)) this.fail(new Error(`a lint worker stopped early (exit code ${code})`));
      });
    }
  }

  private onReply(worker: Worker, reply: WorkerReply): void {
    if ('error' in reply) {
      this.fail(new Error(reply.error));
      return;
    }
    let held = this.holding.get(worker) ?? 0;
    if ('results' in reply) {
      held--;
      this.complete(reply.id, reply.results);
    }
    while (!this.failure && held < CHUNKS_IN_FLIGHT) {
      const chunk = this.take(WORKER_CHUNK);
      if (!chunk) break;
      worker.postMessage(chunk);
      held++;
    }
    this.holding.set(worker, held);
    if (held === 0) this.retire(worker);
  }

  /** Up to `most` jobs from the front of those left, fewer as they run out so that the threads finish together. */
  private take(most: number): ChunkRequest | undefined {
    const left = this.jobs.length - this.next;
    if (left <= 0) return undefined;
    const size = Math.max(1, Math.min(most, Math.ceil(left / (this.threads * CHUNKS_IN_FLIGHT * 2))));
    const chunk: ChunkRequest = { id: this.next, jobs: this.jobs.slice(this.next, this.next + size), cwd: this.options.cwd, fix: this.options.fix };
    this.next += size;
    return chunk;
  }

  private complete(id: number, results: JobResult[]): void {
    this.waiting.set(id, results);
    for (let ready = this.waiting.get(this.nextToHand); ready; ready = this.waiting.get(this.nextToHand)) {
      this.waiting.delete(this.nextToHand);
      this.nextToHand += ready.length;
      for (const result of ready) this.onResult(result);
    }
    this.done += results.length;
    this.options.onProgress?.(this.done, this.jobs.length);
    if (this.done === this.jobs.length) this.stop();
  }

  private retire(worker: Worker): void {
    if (this.retired.has(worker)) return;
    this.retired.add(worker);
    void worker.terminate();
  }

  private stop(): void {
    for (const worker of this.holding.keys()) this.retire(worker);
    this.finish();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.stop();
  }
}
