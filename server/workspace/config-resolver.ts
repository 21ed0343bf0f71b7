import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RULE_IDS } from '../../rules/catalogue';
import { CONFIG_FILE_NAME, ConfigError, defaultConfig, parseConfig, type DriftlessConfig } from '../../rules/config';
import { IgnoreRules } from './ignore-rules';
import { readSourceFileSync } from './source-file';

/** The configuration in force for a file. */
export interface ResolvedConfig {
  config: DriftlessConfig;
  /** The `.driftless.yaml` it came from; undefined for the defaults. */
  file?: string;
  /** The folder its `ignore` globs are relative to. */
  base: string;
  /** Why the config file cannot be used as it is now; `config` is then the last good one read from it, or the defaults. */
  error?: ConfigError;
}

interface ParsedFile {
  config: DriftlessConfig;
  error?: ConfigError;
  ignore?: IgnoreRules;
}

/** Told each time a config file is read: the error when it is broken, undefined when it is good (again) or gone. */
export type ConfigListener = (file: string, error: ConfigError | undefined) => void;

/**
 * The one answer to "which `.driftless.yaml` governs this file", for the CLI and the editor alike: the nearest one
 * in the file's folder or above, up to a root (a workspace folder, the CLI's working directory) or the repository's
 * top (a folder holding `.git`), whichever comes first. Lookups are cached per folder; a config file that becomes
 * broken keeps its last good settings in force, with the error kept beside them.
 */
export class ConfigResolver {
  private readonly nearest = new Map<string, string | null>();
  private readonly parsed = new Map<string, ParsedFile>();
  private readonly resolved = new Map<string, ResolvedConfig>();

  constructor(
    private readonly roots: () => readonly string[],
    private readonly listener?: ConfigListener,
  ) {}

  forFile(file: string): ResolvedConfig {
    return this.forFolder(dirname(resolve(file)));
  }

  forFolder(folder: string): ResolvedConfig {
    const dir = resolve(folder);
    let answer = this.resolved.get(dir);
    if (!answer) {
      const file = this.nearestConfig(dir);
      if (file === null) answer = { config: defaultConfig(), base: dir };
      else {
        const { config, error } = this.parse(file);
        answer = { config, file, base: dirname(file), ...(error ? { error } : {}) };
      }
      this.resolved.set(dir, answer);
    }
    return answer;
  }

  /** Whether the config in force ignores `path` (a file or, with `isDir`, a folder) by its `ignore` globs. */
  ignores(resolved: ResolvedConfig, path: string, isDir: boolean): boolean {
    if (resolved.file === undefined || resolved.config.ignore.length === 0) return false;
    const entry = this.parse(resolved.file);
    entry.ignore ??= new IgnoreRules(resolved.base, entry.config.ignore);
    return entry.ignore.ignores(path, isDir);
  }

  /** A config file was created, changed or deleted: it is read again (a broken one keeps its last good settings). */
  changed(file: string): void {
    const path = resolve(file);
    this.forgetLookups();
    const previous = this.parsed.get(path);
    this.parsed.delete(path);
    if (!isPresent(path)) {
      if (previous?.error) this.listener?.(path, undefined);
      return;
    }
    this.parse(path, previous?.config);
  }

  /** Roots changed (a workspace folder added or removed): every lookup is made again. */
  forgetLookups(): void {
    this.nearest.clear();
    this.resolved.clear();
  }

  private nearestConfig(dir: string): string | null {
    const known = this.nearest.get(dir);
    if (known !== undefined) return known;
    const candidate = join(dir, CONFIG_FILE_NAME);
    const parent = dirname(dir);
    let found: string | null;
    if (isPresent(candidate)) found = candidate;
    else if (this.isTop(dir) || parent === dir) found = null;
    else found = this.nearestConfig(parent);
    this.nearest.set(dir, found);
    return found;
  }

  private isTop(dir: string): boolean {
    return this.roots().some((root) => resolve(root) === dir) || existsSync(join(dir, '.git'));
  }

  private parse(file: string, lastGood?: DriftlessConfig): ParsedFile {
    const known = this.parsed.get(file);
    if (known) return known;
    let entry: ParsedFile;
    try {
      const read = readConfigText(file);
      if ('reason' in read) throw new ConfigError(file, 1, `cannot read the config file: ${read.reason}`);
      entry = { config: parseConfig(read.text, file, RULE_IDS) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      entry = { config: lastGood ?? defaultConfig(), error };
    }
    this.parsed.set(file, entry);
    this.listener?.(file, entry.error);
    return entry;
  }
}

/**
 * A config file is there when something other than a folder has its name; one that cannot even be looked at
 * (a folder without search permission) counts as there, so that reading it names the cause.
 */
function isPresent(path: string): boolean {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats !== undefined && !stats.isDirectory();
  } catch (error) {
    if (error instanceof Error && 'code' in error) return true;
    throw error;
  }
}

/** The config file's text, or why it cannot be read: only a regular UTF-8 file of bounded size, never a FIFO to block on. */
export function readConfigText(file: string): { text: string } | { reason: string } {
  const read = readSourceFileSync(file);
  return read.status === 'text' ? { text: read.text } : { reason: read.reason };
}
