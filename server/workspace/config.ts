import { dirname, resolve } from 'node:path';
import { RULE_IDS } from '../../rules/catalogue';
import { parseConfig } from '../../rules/config';
import { readConfigText, type ResolvedConfig } from './config-resolver';
import { UnreadablePathError } from './errors';

/** Reads and parses the config file named with `--config`: UnreadablePathError when it cannot be read, ConfigError naming the line when it is wrong. */
export function loadConfigFile(file: string): ResolvedConfig {
  const path = resolve(file);
  const read = readConfigText(path);
  if ('reason' in read) throw new UnreadablePathError(file, read.reason);
  return { config: parseConfig(read.text, file, RULE_IDS), file: path, base: dirname(path) };
}
