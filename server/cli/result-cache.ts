import { lstatSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readNotice } from '../report/file-report';
import { isFileSystemError, userCacheDir } from '../user-cache-dir';
import { describeFsError, readRegularFileSync } from '../workspace/regular-file';
import { diskProbe } from '../workspace/probe';
import { readSourceFileSync } from '../workspace/source-file';
import { outcomeOf, readOutcome, resultOf, storedOutcome, type CachedOutcome } from './cached-outcome';
import { displayPath, type JobResult, type LintJob } from './lint-files';
import { answersHold, textHash, type ProbeAnswer } from './probe-record';
import { isRecord } from '../json-record';
import { lazyCrypto } from '../lazy-crypto';

/** Bumped when what an entry holds or means changes: a cache of another version is not read. */
const CACHE_VERSION = 1;
/** Entries of files this run did not see are kept up to this many in all; the rest are dropped. */
export const MAX_ENTRIES = 50_000;
/** A cache file larger than this is not read (50,000 entries of real files take a few tens of MB). */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;
/** Characters of text plan() hands on with the files to lint, at most, so that a miss is not read twice. */
const MAX_TEXT_CARRIED = 32 * 1024 * 1024;

/** One file's kept result, and everything its lint depended on (as read back: the file holds storedOutcome()). */
interface Entry {
  path: string;
  /** textHash of the file's text. */
  text: string;
  /** settingsHash of what the lint was asked (severities, `explicit`). */
  settings: string;
  answers: ProbeAnswer[];
  outcome: CachedOutcome;
}

/** A job the cache answered (`known`), or one to lint, with its text read and its answers to record. */
export interface PlannedJob {
  job: LintJob;
  known?: JobResult;
}

/**
 * `--cache`: the results of files whose text, settings and every other file their lint read (through the engine's
 * probe) are unchanged since a run of the same engine build, without linting them; like ESLint's `--cache`.
 * The cache file is hostile input (anything odd about it and it is not used); it is written whole, then renamed.
 */
export class ResultCache {
  /** This run's entries: the files it saw whose results may be kept. */
  private readonly kept = new Map<string, unknown>();
  /** Every file this run saw: older entries of theirs are not carried over. */
  private readonly seen = new Set<string>();
  /** settingsHash by the jobs' severities (files of one config share them), for files found and for files named. */
  private readonly settingsHashes = new Map<LintJob['rules'], { found?: string; named?: string }>();
  private changed = false;
  /** The length of the texts plan() handed on with their jobs. */
  private textCarried = 0;

  private constructor(
    private readonly file: string | undefined,
    private readonly engine: string,
    private readonly cwd: string,
    private readonly previous: ReadonlyMap<string, unknown>,
    private readonly note: (line: string) => void,
  ) {}

  /**
   * The cache at `location` for this engine build (`engine`); an empty one where there is none to trust. `note`
   * hears why a cache file was not used or written (the CLI prints it under `--verbose`).
   */
  static open(location: string | undefined, engine: string, cwd: string, note: (line: string) => void): ResultCache {
    if (location === undefined) {
      note('no private cache folder to keep results in: linting without the cache');
      return new ResultCache(undefined, engine, cwd, new Map(), note);
    }
    const read = readCacheFile(location, engine);
    if (typeof read === 'string') note(`${location}: not used: ${read}`);
    return new ResultCache(location, engine, cwd, typeof read === 'string' ? new Map() : read, note);
  }

  /**
   * Each job's known result, or the job with `record` set (and its text, up to MAX_TEXT_CARRIED in all). A file
   * that cannot be read as text gets its notice here, as linting would give it.
   */
  plan(jobs: readonly LintJob[]): PlannedJob[] {
    return jobs.map((job) => {
      this.seen.add(job.file.path);
      const read = readSourceFileSync(job.file.path);
      const display = displayPath(job.file.path, this.cwd);
      if (read.status !== 'text') {
        this.changed ||= this.previous.has(job.file.path);
        return { job, known: { notice: readNotice(display, read) } };
      }
      // The text goes along to be linted, unless the texts going along already take much memory (a first run over a
      // large tree): the file is then read again.
      const carried = this.textCarried + read.text.length <= MAX_TEXT_CARRIED;
      if (carried) this.textCarried += read.text.length;
      const planned: LintJob = carried ? { ...job, text: read.text, record: true } : { ...job, record: true };
      const stored = this.previous.get(job.file.path);
      const entry = stored === undefined ? undefined : readEntry(stored);
      if (
        !entry ||
        entry.text !== textHash(read.text) ||
        entry.settings !== this.settingsOf(job) ||
        !answersHold(entry.answers, diskProbe)
      ) {
        return { job: planned };
      }
      this.kept.set(job.file.path, stored);
      return { job, known: resultOf(entry.outcome, job.file.path, display, read.text) };
    });
  }

  /** Keeps the result of a planned job that was linted (before anything else sees it: the report is not copied). */
  record(job: LintJob, result: JobResult): void {
    this.changed = true;
    const { keep } = result;
    const outcome = keep && outcomeOf(result, keep.contexts);
    const stored = outcome && storedOutcome(outcome);
    // An outcome readOutcome would not take back (a message holding a control character) is not kept.
    if (!keep || !stored || !readOutcome(stored)) return;
    const path = job.file.path;
    this.kept.set(path, { path, text: keep.text, settings: this.settingsOf(job), answers: keep.answers, outcome: stored });
  }

  private settingsOf(job: LintJob): string {
    let hashes = this.settingsHashes.get(job.rules);
    if (!hashes) this.settingsHashes.set(job.rules, (hashes = {}));
    return job.file.explicit ? (hashes.named ??= settingsHash(job)) : (hashes.found ??= settingsHash(job));
  }

  /** Writes the cache if this run changed it: this run's entries first, then older ones up to MAX_ENTRIES. */
  save(): void {
    if (this.file === undefined || !this.changed) return;
    const entries: unknown[] = [...this.kept.values()];
    for (const [path, entry] of this.previous) {
      if (entries.length >= MAX_ENTRIES) break;
      if (!this.seen.has(path)) entries.push(entry);
    }
    const why = writeCacheFile(this.file, JSON.stringify({ version: CACHE_VERSION, engine: this.engine, entries }));
    if (why !== undefined) this.note(`${this.file}: not written: ${why}`);
  }
}

/** The default cache file: in the user's cache folder, one per set of root folders (cacheRoots in run.ts). */
export function defaultCacheLocation(roots: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const dir = userCacheDir(env);
  if (dir === undefined) return undefined;
  const named = lazyCrypto().hash('sha256', JSON.stringify([...new Set(roots)].sort()), 'hex').slice(0, 16);
  return join(dir, `results-${named}.json`);
}

function settingsHash(job: LintJob): string {
  const rules = Object.entries(job.rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return textHash(JSON.stringify({ rules, explicit: job.file.explicit }));
}

/** The entries of a cache file by path, or why it is not used. */
function readCacheFile(file: string, engine: string): Map<string, unknown> | string {
  const place = fileTrust(file);
  if (place === 'missing') return new Map();
  if (place !== undefined) return place;
  const read = readRegularFileSync(file, MAX_CACHE_BYTES);
  if (read.status === 'too-large') return `larger than ${MAX_CACHE_BYTES / (1024 * 1024)} MB`;
  if (read.status === 'unreadable') return read.reason;
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return 'not JSON';
  }
  if (!isRecord(parsed) || parsed.version !== CACHE_VERSION || !Array.isArray(parsed.entries)) return `not a Driftless result cache of version ${CACHE_VERSION}`;
  // Another build's results may differ: none of them is used, and the file is written afresh.
  if (parsed.engine !== engine) return new Map();
  const entries = new Map<string, unknown>();
  for (const entry of parsed.entries) {
    if (isRecord(entry) && typeof entry.path === 'string' && !entries.has(entry.path)) entries.set(entry.path, entry);
  }
  return entries;
}

/** An entry of the cache file, checked field by field; undefined if anything about it is off. */
function readEntry(value: unknown): Entry | undefined {
  if (!isRecord(value)) return undefined;
  const { path, text, settings, answers } = value;
  if (typeof path !== 'string' || typeof text !== 'string' || typeof settings !== 'string') return undefined;
  if (!Array.isArray(answers) || !answers.every(isProbeAnswer)) return undefined;
  const outcome = readOutcome(value.outcome);
  return outcome && { path, text, settings, answers, outcome };
}

function isProbeAnswer(value: unknown): value is ProbeAnswer {
  if (!isRecord(value) || typeof value.path !== 'string') return false;
  return typeof value.exists === 'boolean' || value.read === null || typeof value.read === 'string';
}

/**
 * Why the cache file may not be trusted: it is not a regular file of this user's that only they may write, in a
 * folder of theirs (or root's) that others may not write to (unless sticky, as /tmp); 'missing' when it is not
 * there (and may be written). Undefined when it may be read.
 */
function fileTrust(file: string): string | undefined {
  const folder = folderTrust(dirname(file));
  if (folder !== undefined) return folder;
  try {
    const stat = lstatSync(file);
    if (stat.isSymbolicLink()) return 'a symbolic link';
    if (!stat.isFile()) return 'not a regular file';
    if (process.getuid && stat.uid !== process.getuid()) return 'owned by another user';
    if ((stat.mode & 0o022) !== 0) return 'writable by other users';
    return undefined;
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    return error.code === 'ENOENT' ? 'missing' : describeFsError(error);
  }
}

/** Why a folder may not hold the cache, or undefined. */
function folderTrust(dir: string): string | undefined {
  try {
    const stat = statSync(dir);
    if (!stat.isDirectory()) return `${dir} is not a folder`;
    if (process.getuid && stat.uid !== process.getuid() && stat.uid !== 0) return `its folder ${dir} belongs to another user`;
    if ((stat.mode & 0o022) !== 0 && (stat.mode & 0o1000) === 0) return `its folder ${dir} is writable by other users`;
    return undefined;
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    return describeFsError(error);
  }
}

/** Writes the whole file under another name, then renames it: a concurrent run reads the old cache or the new one. Why not, or undefined. */
function writeCacheFile(file: string, text: string): string | undefined {
  const folder = folderTrust(dirname(file));
  if (folder !== undefined) return folder;
  const partial = `${file}.${process.pid}-${lazyCrypto().randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(partial, text, { mode: 0o600, flag: 'wx' });
    renameSync(partial, file);
    return undefined;
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    rmSync(partial, { force: true });
    return describeFsError(error);
  }
}
