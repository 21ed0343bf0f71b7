import { resolve } from 'node:path';
import { ConfigError } from '../../rules/config';
import { initEngine } from '../../rules/engine';
import { kindsNamed } from '../../rules/file-kinds';
import type { FileKind, Severity } from '../../rules/types';
import { TOOL_VERSION } from '../project';
import { discoveryNotice } from '../report/file-report';
import { formatCodeClimate } from '../report/format-codeclimate';
import { formatJson } from '../report/format-json';
import { formatMarkdown } from '../report/format-markdown';
import { formatSarif } from '../report/format-sarif';
import { formatText } from '../report/format-text';
import { SEVERITY_RANK, type Notice, type Report } from '../report/model';
import { loadConfigFile } from '../workspace/config';
import { ConfigResolver, type ResolvedConfig } from '../workspace/config-resolver';
import { discoverFiles } from '../workspace/discover';
import { UnreadablePathError } from '../workspace/errors';
import { HELP, parseCliArgs, type CliOptions, type Threshold } from './args';
import { baselineStep, readBaseline } from './baseline';
import { displayPath, type LintJob } from './lint-files';
import { lintFiles } from './lint-pool';
import { pinFiles, type PinSummary } from './pin';
import { progressLine } from './progress';
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
  const baseline = baselinePath !== undefined && !options.updateBaseline ? readBaseline(baselinePath) : undefined;
  const configs = cliConfigs(options, io);
  const jobs: LintJob[] = [];
  const notices: Notice[] = [];
  const insecureRegistries = new Set<string>();
  for (const path of options.paths) {
    const discovery = await discoverFiles([resolve(io.cwd, path)], { ignores: configs.ignores });
    for (const file of discovery.files) {
      const { config } = configs.forFile(file.path);
      jobs.push({ file, rules: config.rules, unsafeFixes: options.unsafeFixes });
      for (const host of config.insecureRegistries) insecureRegistries.add(host);
    }
    for (const n of discovery.notices) notices.push(discoveryNotice(displayPath(n.path, io.cwd), n));
  }
  const kinds = kindsToLint(jobs);
  await initEngine(kinds);
  const pinned = options.pin ? await pinJobs(dedupe(jobs), [...insecureRegistries], options, io) : undefined;
  const outcome = await lintFiles(dedupe(jobs), {
    cwd: io.cwd,
    fix: options.fix,
    jobs: options.jobs,
    workerScript: io.workerScript,
    kinds,
    onProgress: progress?.update,
  });
  progress?.stop();
  notices.push(...outcome.notices);

  const report: Report = { files: outcome.files, notices };
  if (baselinePath !== undefined) {
    const said = baselineStep(report, baselinePath, baseline, options.quiet);
    if (said) io.stderr(`driftless: ${displayPath(baselinePath, io.cwd)}: ${said}\n`);
  }
  if (options.quiet) {
    for (const file of report.files) file.findings = file.findings.filter((f) => failsAt(f.finding.severity, options.failureThreshold));
  }
  if (!options.quiet) {
    for (const notice of notices) io.stderr(`driftless: ${notice.display}: ${notice.message}\n`);
  } else {
    for (const notice of notices.filter((n) => n.unreadable)) io.stderr(`driftless: ${notice.display}: ${notice.message}\n`);
  }
  io.stdout(render(report, options, io));
  if (options.fix && !options.unsafeFixes && !options.quiet) {
    const held = unsafeFixesLeft(report);
    if (held > 0) io.stderr(`driftless: ${held} unsafe ${held === 1 ? 'fix' : 'fixes'} not applied: --unsafe-fixes applies them (each rule's page says what it may break)\n`);
  }

  if (notices.some((n) => n.unreadable)) return EXIT_TROUBLE;
  if (pinned) return pinned.failed > 0 ? EXIT_FINDINGS : EXIT_OK;
  const failing = report.files.some((f) => f.findings.some((x) => failsAt(x.finding.severity, options.failureThreshold)));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

/** `--pin`, before linting so the report shows what is left; its lines go where they do not mix with JSON, SARIF or Markdown. */
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
    case 'markdown':
      return formatMarkdown(report);
    case 'codeclimate':
      return formatCodeClimate(report);
    case 'text':
      return formatText(report, { color: useColor(io), quiet: options.quiet });
  }
}

/** Fixes `--fix` left for `--unsafe-fixes`: a finding's fix that is unsafe is left unless they were asked for. */
function unsafeFixesLeft(report: Report): number {
  return report.files.reduce((n, file) => n + file.findings.filter((f) => f.fix && !f.fix.safe).length, 0);
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
