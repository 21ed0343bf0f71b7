import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../rules/catalogue';
import { CONFIG_FILE_NAME, ConfigError, defaultConfig, parseConfig, type DriftlessConfig } from '../../rules/config';

interface Loaded {
  config: DriftlessConfig;
  error?: ConfigError;
}

/**
 * `.driftless.yaml` per workspace folder. A broken file never loses settings: the last good
 * configuration of that folder stays in force and the error is kept for the server to report.
 */
export class ConfigStore {
  private readonly byFolder = new Map<string, Loaded>();

  /** Reads (or re-reads) the folder's config file; returns the error when the file is broken. */
  load(folder: string): ConfigError | undefined {
    const file = path.join(folder, CONFIG_FILE_NAME);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.byFolder.set(folder, { config: defaultConfig() });
      return undefined;
    }
    try {
      this.byFolder.set(folder, { config: parseConfig(text, file, RULE_IDS) });
      return undefined;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const previous = this.byFolder.get(folder)?.config ?? defaultConfig();
      this.byFolder.set(folder, { config: previous, error });
      return error;
    }
  }

  forget(folder: string): void {
    this.byFolder.delete(folder);
  }

  /** The config in force for a folder (loading it the first time); the defaults outside any folder. */
  get(folder: string | undefined): DriftlessConfig {
    if (folder === undefined) return defaultConfig();
    if (!this.byFolder.has(folder)) this.load(folder);
    return this.byFolder.get(folder)?.config ?? defaultConfig();
  }

  error(folder: string): ConfigError | undefined {
    return this.byFolder.get(folder)?.error;
  }
}
