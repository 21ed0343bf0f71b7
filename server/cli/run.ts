import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../../rules/config';
import { initEngine } from '../../rules/engine';
import { kindsNamed } from '../../rules/file-kinds';
import type { FileKind, Severity } from '../../rules/types';
import { TOOL_VERSION } from '../project';
import { discoveryNotice } from '../report/file-report';
import { JsonReportWriter } from '../report/format-json';
import { formatCodeClimate } from '../report/format-codeclimate';
import { formatMarkdown } from '../report/format-markdown';
import { SarifReportWriter } from '../report/format-sarif';
import { TextReportWriter } from '../report/format-text';
import { SEVERITY_RANK, type FileReport, type Notice, type ReportWriter } from '../report/model';
import { loadConfigFile } from '../workspace/config';
import { ConfigResolver, type ResolvedConfig } from '../workspace/config-resolver';
import { discoverFiles } from '../workspace/discover';
import { describeFsError } from '../workspace/regular-file';
import { UnreadablePathError } from '../workspace/errors';
import { HELP, parseCliArgs, type CliOptions, type Threshold } from './args';
import { BaselineStep, readBaseline } from './baseline';
import { displayPath, type JobResult, type LintJob } from './lint-files';
import { lintFiles } from './lint-pool';
import type { PinSummary } from './pin';
import { progressLine } from './progress';
import { defaultCacheLocation, ResultCache, type PlannedJob } from './result-cache';
import { UsageError } from './usage-error';
import { untrustedText } from '../untrusted-text';
import { isFileSystemError } from '../user-cache-dir';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The CLI bundle, for lint worker threads; without it all linting runs on the main thread. */
  workerScript?: string;
  /** What tells the running engine build from others (`engineBuild` of the CLI bundle); without it `--cache` is off. */
  engineBuild?: () => string;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TROUBLE = 2;

/** The whole CLI: parses `argv`, lints, prints, and returns the exit code. Never throws for bad input. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`driftless: ${error.message} (see driftless --help)\n`);
      return EXIT_TROUBLE;
    }
    throw error;
  }
  if (options.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  try {
    return await lintAndReport(options, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`driftless: ${displayPath(resolve(io.cwd, error.file), io.cwd)}:${error.line}: ${error.detail}\n`);
      return EXIT_TROUBLE;
    }
    if (error instanceof UnreadablePathError) {
      io.stderr(`driftless: ${displayPath(resolve(io.cwd, error.path), io.cwd)}: ${error.reason}\n`);
      return EXIT_TROUBLE;
    }
    throw error;
  }
}

async function lintAndReport(options: CliOptions, io: CliIo): Promise<number> {
  const progress = io.stderrIsTTY && !options.quiet ? progressLine(io.stderr) : undefined;
  const baselinePath = options.baseline === undefined ? undefined : resolve(io.cwd, options.baseline);
  const baseline = baselinePath === undefined ? undefined : new BaselineStep(baselinePath, options.updateBaseline ? undefined : readBaseline(baselinePath));
  const configs = cliConfigs(options, io);
  const jobs: LintJob[] = [];
  const notices: Notice[] = [];
  for (const path of options.paths) {
    const given = resolve(io.cwd, path);
    const discovery = await discoverFiles([given], { ignores: configs.ignores, synchronous: true });
    for (const file of discovery.files) {
      const { config } = configs.forFile(file.path);
      jobs.push({
        file,
        rules: config.rules,
        root: file.explicit ? dirname(file.path) : given,
        unsafeFixes: options.unsafeFixes,
        ...(config.github ? { github: config.github } : {}),
        ...(config.downloadLimit === undefined ? {} : { downloadLimit: config.downloadLimit }),
      });
    }
    for (const n of discovery.notices) notices.push(discoveryNotice(displayPath(n.path, io.cwd), n));
  }
  const cache = openResultCache(options, io);
  const planned: PlannedJob[] = cache ? cache.plan(dedupe(jobs)) : dedupe(jobs).map((job) => ({ job }));
  const toLint = planned.filter((p) => !p.known).map((p) => p.job);
  const kinds = kindsToLint(toLint);
  await initEngine(kinds);
  const pinned = options.pin ? await pinJobs(dedupe(jobs), configs, options, io) : undefined;
  const writer = reportWriter(options, io);
  let failing = false;
  let unsafeLeft = 0;
  const take = ({ report, notice, failure }: JobResult): void => {
    if (failure && options.verbose) {
      progress?.stop();
      io.stderr(`driftless: ${failure.display}: internal error (a defect in Driftless, please report it): ${failure.stack}\n`);
    }
    if (notice) notices.push(notice);
    if (!report) return;
    baseline?.file(report);
    unsafeLeft += report.findings.filter((f) => f.fix && !f.fix.safe).length;
    if (options.quiet) report.findings = report.findings.filter((f) => failsAt(f.finding.severity, options.failureThreshold));
    failing ||= report.findings.some((f) => failsAt(f.finding.severity, options.failureThreshold));
    writer.file(report);
  };
  // Results the cache knows go out in their files' places, between the ones linted.
  let next = 0;
  const takeKnown = (): void => {
    for (let known = planned.at(next)?.known; known; known = planned.at(next)?.known) {
      next++;
      take(known);
    }
  };
  takeKnown();
  await lintFiles(
    toLint,
    { cwd: io.cwd, fix: options.fix, jobs: options.jobs, workerScript: io.workerScript, kinds, onProgress: progress?.update },
    (result) => {
      cache?.record(planned[next++].job, result);
      take(result);
      takeKnown();
    },
  );
  cache?.save();
  progress?.stop();
  const said = baseline?.finish(options.quiet);
  if (said && baselinePath !== undefined) io.stderr(`driftless: ${displayPath(baselinePath, io.cwd)}: ${said}\n`);
  if (!options.quiet) {
    for (const notice of notices) io.stderr(`driftless: ${untrustedText(`${notice.display}: ${notice.message}`)}\n`);
  } else {
    for (const notice of notices.filter((n) => n.unreadable)) io.stderr(`driftless: ${untrustedText(`${notice.display}: ${notice.message}`)}\n`);
  }
  writer.finish(notices);
  if (options.fix && !options.unsafeFixes && !options.quiet && unsafeLeft > 0) {
    io.stderr(`driftless: ${unsafeLeft} unsafe ${unsafeLeft === 1 ? 'fix' : 'fixes'} not applied: --unsafe-fixes applies them (each rule's page says what it may break)\n`);
  }

  if (notices.some((n) => n.unreadable)) return EXIT_TROUBLE;
  if (pinned) return pinned.failed > 0 ? EXIT_FINDINGS : EXIT_OK;
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * `--cache`'s results, unless the run writes files (`--fix`, `--pin`). Why a cache is not used or not written is
 * said only under `--verbose`: without it the run is as without `--cache`.
 */
function openResultCache(options: CliOptions, io: CliIo): ResultCache | undefined {
  if (!options.cache) return undefined;
  const note = (line: string): void => {
    if (options.verbose) io.stderr(`driftless: --cache: ${untrustedText(line)}\n`);
  };
  if (options.fix || options.pin) {
    note(`not used with ${options.fix ? '--fix' : '--pin'}, which writes files`);
    return undefined;
  }
  if (!io.engineBuild) {
    note('not used: this build of Driftless cannot tell itself from others');
    return undefined;
  }
  let engine: string;
  try {
    engine = io.engineBuild();
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    note(`not used: the CLI bundle: ${describeFsError(error)}`);
    return undefined;
  }
  const location = options.cacheLocation === undefined ? defaultCacheLocation(cacheRoots(options.paths, io.cwd), io.env) : resolve(io.cwd, options.cacheLocation);
  return ResultCache.open(location, engine, io.cwd, note);
}

/**
 * The folders a default cache file belongs to: each folder given, and the working directory for files named one
 * by one (a pre-commit hook names the staged files: a cache per set of files would be a new one every commit).
 */
function cacheRoots(paths: readonly string[], cwd: string): string[] {
  return paths.map((path) => {
    const full = resolve(cwd, path);
    try {
      return statSync(full).isDirectory() ? full : cwd;
    } catch (error) {
      if (!isFileSystemError(error)) throw error;
      return cwd;
    }
  });
}

/**
 * `--pin`, before linting so the report shows what is left; its lines go where they do not mix with JSON, SARIF or
 * Markdown. The registry client (and node:crypto, which it loads) is imported only for it: 10-15 ms of every start.
 */
async function pinJobs(jobs: readonly LintJob[], configs: CliConfigs, options: CliOptions, io: CliIo): Promise<PinSummary> {
  const print = options.format === 'text' ? io.stdout : io.stderr;
  const { pinFiles } = await import('./pin');
  return pinFiles(
    jobs.map((job) => ({
      path: job.file.path,
      display: displayPath(job.file.path, io.cwd),
      explicit: job.file.explicit,
      rules: job.rules,
      root: job.root,
      insecureRegistries: configs.forFile(job.file.path).config.insecureRegistries,
      github: job.github,
      downloadLimit: job.downloadLimit,
    })),
    {
      resolver: {
        dockerConfigDir: io.env.DOCKER_CONFIG,
        ...(options.lookupDeadline !== undefined ? { lookupDeadlineMs: options.lookupDeadline * 1000 } : {}),
      },
      githubToken: io.env.GITHUB_TOKEN,
      digestCache: options.digestCache === undefined ? undefined : resolve(io.cwd, options.digestCache),
      print: (line) => print(`${line}\n`),
      quiet: options.quiet,
      downloadLimit: options.downloadLimit,
    },
  );
}

/**
 * The output format, fed as files finish: text is written at once, JSON and SARIF keep one small record per
 * finding, Markdown (a report for people, with the image inventory) keeps the files' reports.
 */
function reportWriter(options: CliOptions, io: CliIo): ReportWriter {
  switch (options.format) {
    case 'json':
      return new JsonReportWriter(io.stdout);
    case 'sarif':
      return new SarifReportWriter(io.cwd, io.stdout);
    case 'markdown':
    case 'codeclimate': {
      const format = options.format === 'markdown' ? formatMarkdown : formatCodeClimate;
      const files: FileReport[] = [];
      return { file: (report) => files.push(report), finish: (notices) => io.stdout(format({ files, notices: [...notices] })) };
    }
    case 'text':
      return new TextReportWriter({ color: useColor(io), quiet: options.quiet }, io.stdout);
  }
}

export function failsAt(severity: Severity, threshold: Threshold): boolean {
  return threshold !== 'none' && SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/** NO_COLOR and FORCE_COLOR win; otherwise colour when stdout is a terminal. */
function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0';
  return io.stdoutIsTTY;
}

interface CliConfigs {
  forFile(path: string): ResolvedConfig;
  ignores(path: string, isDir: boolean): boolean;
}

/**
 * The config of each file: the one named with `--config` for all, else the nearest `.driftless.yaml` above the
 * file, up to the working directory or the repository's top. A broken one stops the run (ConfigError).
 */
function cliConfigs(options: CliOptions, io: CliIo): CliConfigs {
  const resolver = new ConfigResolver(() => [io.cwd]);
  const named = options.config === undefined ? undefined : loadConfigFile(resolve(io.cwd, options.config));
  const usable = (resolved: ResolvedConfig): ResolvedConfig => {
    if (resolved.error) throw resolved.error;
    return resolved;
  };
  return {
    forFile: (path) => named ?? usable(resolver.forFile(path)),
    ignores: (path, isDir) => resolver.ignores(named ?? usable(resolver.forFile(path)), path, isDir),
  };
}

/** The kinds the files may be: only their parsers load (a run without a recipe is spared the Ruby parser). */
function kindsToLint(jobs: readonly LintJob[]): FileKind[] {
  const kinds = new Set<FileKind>();
  for (const job of jobs) {
    for (const kind of kindsNamed(job.file.path)) kinds.add(kind);
    // A file named explicitly that no front end's names fit is read as a Dockerfile.
    if (job.file.explicit) kinds.add('dockerfile');
  }
  return [...kinds];
}

/** A file reached through two paths given on the command line is linted once, with the first one's config. */
function dedupe(jobs: readonly LintJob[]): LintJob[] {
  const byPath = new Map<string, LintJob>();
  for (const job of jobs) if (!byPath.has(job.file.path)) byPath.set(job.file.path, job);
  return [...byPath.values()];
}
