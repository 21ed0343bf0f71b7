import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { RULE_IDS } from '../../rules/catalogue';
import { CONFIG_FILE_NAME, ConfigError, defaultConfig, parseConfig, type DriftlessConfig } from '../../rules/config';
import { UnreadablePathError } from './errors';
import { describeFsError } from './source-file';

export interface LoadedConfig {
  config: DriftlessConfig;
  /** The `.driftless.yaml` it came from; undefined for the defaults. */
  file?: string;
  /** The folder its `ignore` globs are relative to. */
  base: string;
}

/** Reads and parses one config file: UnreadablePathError when it cannot be read, ConfigError naming the line when it is wrong. */
export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UnreadablePathError(file, describeFsError(error));
  }
  return { config: parseConfig(text, file, RULE_IDS), file: path, base: dirname(path) };
}

/**
 * The `.driftless.yaml` that governs `dir`: the nearest one in `dir` or a parent folder, up to `stopAt`
 * (inclusive; the working directory or the workspace root). Defaults when there is none.
 */
export async function loadConfigFor(dir: string, stopAt: string): Promise<LoadedConfig> {
  const top = resolve(stopAt);
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, CONFIG_FILE_NAME);
    const loaded = await loadIfPresent(candidate);
    if (loaded) return loaded;
    const parent = dirname(current);
    if (current === top || parent === current || !isInside(current, top)) break;
    current = parent;
  }
  return { config: defaultConfig(), base: top };
}

async function loadIfPresent(file: string): Promise<LoadedConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
    throw new ConfigError(file, 1, `cannot read the config file: ${describeFsError(error)}`);
  }
  return { config: parseConfig(text, file, RULE_IDS), file, base: dirname(file) };
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
}
