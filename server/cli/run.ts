import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../../rules/config';
import { FILE_KINDS, initEngine } from '../../rules/engine';
import type { Severity } from '../../rules/types';
import { pinFiles, type PinSummary } from './pin';
import { loadConfigFile, loadConfigFor, type LoadedConfig } from '../workspace/config';
import { discoverFiles } from '../workspace/discover';
import { isRubyName } from '../workspace/file-names';
import { UnreadablePathError } from '../workspace/errors';
import { describeFsError } from '../workspace/source-file';
import { HELP, parseCliArgs, type CliOptions, type Threshold } from './args';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { displayPath, type LintJob } from './lint-files';
import { lintFiles } from './lint-pool';
import { progressLine } from './progress';
import { TOOL_VERSION } from './project';
import { SEVERITY_RANK, type Notice, type Report } from './report';
import { UsageError } from './usage-error';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The CLI bundle, for lint worker threads; without it all linting runs on the main thread. */
  workerScript?: string;
}

const KINDS_BUT_CHEF = FILE_KINDS.filter((kind) => kind !== 'chef');

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
  // Every kind but Chef: these parsers load while the files are found; Ruby's only if a recipe is among them.
  const engineReady = initEngine(KINDS_BUT_CHEF);
  const progress = io.stderrIsTTY && !options.quiet ? progressLine(io.stderr) : undefined;
  const explicitConfig = options.config ? await loadConfigFile(resolve(io.cwd, options.config)) : undefined;
  const jobs: LintJob[] = [];
  const notices: Notice[] = [];
  const insecureRegistries = new Set<string>();
  for (const path of options.paths) {
    const absolute = resolve(io.cwd, path);
    const loaded = explicitConfig ?? (await loadConfigFor(await folderOf(absolute, path), io.cwd));
    const discovery = await discoverFiles([absolute], { ignore: ignoreGlobs(loaded) });
    for (const file of discovery.files) jobs.push({ file, rules: loaded.config.rules });
    for (const host of loaded.config.insecureRegistries) insecureRegistries.add(host);
    for (const n of discovery.notices) notices.push({ display: displayPath(n.path, io.cwd), message: n.message, unreadable: n.unreadable });
  }
  await Promise.all([engineReady, jobs.some((job) => isRubyName(job.file.path)) ? initEngine(['chef']) : undefined]);
  const pinned = options.pin ? await pinJobs(dedupe(jobs), [...insecureRegistries], options, io) : undefined;
  const outcome = await lintFiles(dedupe(jobs), {
    cwd: io.cwd,
    fix: options.fix,
    jobs: options.jobs,
    workerScript: io.workerScript,
    onProgress: progress?.update,
  });
  progress?.stop();
  notices.push(...outcome.notices);

  const report: Report = { files: outcome.files, notices };
  if (options.quiet) {
    for (const file of report.files) file.findings = file.findings.filter((f) => failsAt(f.finding.severity, options.failureThreshold));
  }
  if (!options.quiet) {
    for (const notice of notices) io.stderr(`driftless: ${notice.display}: ${notice.message}\n`);
  } else {
    for (const notice of notices.filter((n) => n.unreadable)) io.stderr(`driftless: ${notice.display}: ${notice.message}\n`);
  }
  io.stdout(render(report, options, io));

  if (notices.some((n) => n.unreadable)) return EXIT_TROUBLE;
  if (pinned) return pinned.failed > 0 ? EXIT_FINDINGS : EXIT_OK;
  const failing = report.files.some((f) => f.findings.some((x) => failsAt(x.finding.severity, options.failureThreshold)));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

/** `--pin`, before linting so the report shows what is left; its lines go where they do not mix with JSON or SARIF. */
function pinJobs(jobs: readonly LintJob[], insecureRegistries: string[], options: CliOptions, io: CliIo): Promise<PinSummary> {
  const print = options.format === 'text' ? io.stdout : io.stderr;
  return pinFiles(
    jobs.map((job) => ({ path: job.file.path, display: displayPath(job.file.path, io.cwd), explicit: job.file.explicit, rules: job.rules })),
    {
      resolver: { insecureRegistries, dockerConfigDir: io.env.DOCKER_CONFIG },
      digestCache: options.digestCache === undefined ? undefined : resolve(io.cwd, options.digestCache),
      print: (line) => print(`${line}\n`),
      quiet: options.quiet,
    },
  );
}

function render(report: Report, options: CliOptions, io: CliIo): string {
  switch (options.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, io.cwd);
    case 'text':
      return formatText(report, { color: useColor(io), quiet: options.quiet });
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

/** The folder to search for `.driftless.yaml` from: the path itself, or a file's folder. */
async function folderOf(absolute: string, asGiven: string): Promise<string> {
  try {
    return (await stat(absolute)).isDirectory() ? absolute : dirname(absolute);
  } catch (error) {
    throw new UnreadablePathError(asGiven, describeFsError(error));
  }
}

function ignoreGlobs(loaded: LoadedConfig): { base: string; patterns: string[] } {
  return { base: loaded.base, patterns: loaded.config.ignore };
}

/** A file reached through two paths given on the command line is linted once, with the first one's config. */
function dedupe(jobs: readonly LintJob[]): LintJob[] {
  const byPath = new Map<string, LintJob>();
  for (const job of jobs) if (!byPath.has(job.file.path)) byPath.set(job.file.path, job);
  return [...byPath.values()];
}
