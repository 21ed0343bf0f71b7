import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseByteSize } from '../../rules/config';
import type { Severity } from '../../rules/types';
import { UsageError } from './usage-error';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'codeclimate'] as const;
export type Format = (typeof FORMATS)[number];

export const THRESHOLDS = ['error', 'warning', 'info', 'none'] as const;
export type Threshold = Severity | 'none';

export interface CliOptions {
  paths: string[];
  format: Format;
  fix: boolean;
  /** `--fix` applies unsafe fixes too (each rule page says which are). */
  unsafeFixes: boolean;
  /** Look up image digests and write them. */
  pin: boolean;
  /** A JSON file keeping `--pin`'s tag -> digest answers between runs. */
  digestCache?: string;
  /** Seconds one image's lookup may take in all, retries included. */
  lookupDeadline?: number;
  /** Bytes a download checksummed by `--pin` may have at most. */
  downloadLimit?: number;
  failureThreshold: Threshold;
  config?: string;
  /** A baseline file: findings it holds are not reported. */
  baseline?: string;
  /** Write every finding to the baseline file instead. */
  updateBaseline: boolean;
  quiet: boolean;
  /** Print the stack of every internal error on stderr. */
  verbose: boolean;
  /** Reuse the results of files unchanged since the last run (not with --fix or --pin). */
  cache: boolean;
  /** The file `--cache` keeps results in; default: one per set of paths in the user's cache folder. */
  cacheLocation?: string;
  /** Worker threads; undefined: chosen by file count and cores. */
  jobs?: number;
  help: boolean;
  version: boolean;
}

/** The options table: one entry per flag; `help` below documents each. */
const OPTIONS = {
  format: { type: 'string', short: 'f' },
  fix: { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  pin: { type: 'boolean' },
  'digest-cache': { type: 'string' },
  'lookup-deadline': { type: 'string' },
  'download-limit': { type: 'string' },
  'failure-threshold': { type: 'string' },
  config: { type: 'string', short: 'c' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

export const HELP = `Usage: driftless [options] [paths...]

Finds mutability in infrastructure code (Dockerfiles, Kubernetes, compose, Kustomize,
Helm values, Ansible, Chef, Puppet, Terraform/OpenTofu, GitHub Actions, GitLab CI).
Folders are walked (honouring .gitignore and the config's ignore globs); a file named
explicitly is linted as its name says or, if it starts with FROM, as a Dockerfile.
Default path: .

Options:
  -f, --format <text|json|sarif|markdown|codeclimate>
                                   output format (default: text; codeclimate: GitLab's
                                   code quality report)
      --fix                        apply the safe local fixes of the findings in place
      --unsafe-fixes               with --fix, apply unsafe fixes too (they may change what
                                   runs: each rule's page says what it may break)
      --pin                        ask each image's registry for the tag's digest, each git
                                   ref's server for its commit, and download each URL for its
                                   sha256, and write them (name:tag@sha256:..., owner/repo@<sha>
                                   # <tag>, ADD --checksum=sha256:...), one line per reference;
                                   the exit code is then 1 when something could not be pinned, else 0
      --digest-cache <file>        keep --pin's answers in this file for 5 minutes
      --lookup-deadline <seconds>  give up on an image whose lookup takes longer (default: 30)
      --download-limit <size>      largest download --pin hashes for a checksum (default 1GiB;
                                   overrides the config's downloadLimit)
      --failure-threshold <error|warning|info|none>
                                   lowest severity that makes the exit code 1 (default: warning)
  -c, --config <file>              use this .driftless.yaml instead of searching for one
      --baseline <file>            report (and fail on) only findings not in this baseline
      --update-baseline            write every finding to the --baseline file, then report none
  -q, --quiet                      print only findings at or above the threshold, no summary
      --verbose                    print the stack of an internal error (an internal-error finding) on stderr
      --cache                      reuse the results of files unchanged since the last run (their text,
                                   settings and the files their lint read); not with --fix or --pin
      --cache-location <file>      where --cache keeps results (default: in the user's cache folder)
  -j, --jobs <n>                   lint on n threads: the main thread and n-1 workers (default: one per
                                   core from 1000 files on, unless the machine is busy; else 1)
  -h, --help                       show this help
  -v, --version                    show the version

Exit codes: 0 no finding at or above the threshold, 1 findings at or above it,
2 usage error, unreadable path or broken config.
`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      const unknown = /^Unknown option '([^']+)'/.exec(error.message);
      throw new UsageError(unknown ? `unknown option '${unknown[1]}'` : error.message.split('\n')[0]);
    }
    throw error;
  }
  const { values, positionals } = parsed;
  if (values['unsafe-fixes'] && !values.fix) throw new UsageError('--unsafe-fixes goes with --fix');
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location goes with --cache');
  if (values['update-baseline'] && values.baseline === undefined) throw new UsageError('--update-baseline needs --baseline <file>');
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: oneOf('--format', values.format ?? 'text', FORMATS),
    fix: values.fix ?? false,
    unsafeFixes: values['unsafe-fixes'] ?? false,
    pin: values.pin ?? false,
    digestCache: values['digest-cache'],
    lookupDeadline: values['lookup-deadline'] === undefined ? undefined : positiveInteger('--lookup-deadline', values['lookup-deadline']),
    downloadLimit: values['download-limit'] === undefined ? undefined : byteSize('--download-limit', values['download-limit']),
    failureThreshold: oneOf('--failure-threshold', values['failure-threshold'] ?? 'warning', THRESHOLDS),
    config: values.config,
    baseline: values.baseline,
    updateBaseline: values['update-baseline'] ?? false,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
    cache: values.cache ?? false,
    cacheLocation: values['cache-location'],
    jobs: values.jobs === undefined ? undefined : positiveInteger('--jobs', values.jobs),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function positiveInteger(flag: string, value: string): number {
  if (/^[1-9]\d{0,2}$/.test(value)) return Number(value);
  throw new UsageError(`${flag} must be a whole number from 1 to 999 (got '${value}')`);
}

function byteSize(flag: string, value: string): number {
  const bytes = parseByteSize(value);
  if (bytes !== undefined) return bytes;
  throw new UsageError(`${flag} must be a size such as 1GiB, 500MB or 1048576 (bytes) (got '${value}')`);
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
}
