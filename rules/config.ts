import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { SeveritySetting } from './types';

/** `.driftless.yaml`, as the engine and the server read it. */
export interface DriftlessConfig {
  /** Severity per rule ID, or `off`. */
  rules: Record<string, SeveritySetting>;
  /** Globs (gitignore syntax) of files not to lint, relative to the config's folder. */
  ignore: string[];
  /** Registry hosts reached over plain HTTP. */
  insecureRegistries: string[];
  /** A platform to offer per-platform digests for, e.g. `linux/amd64`. */
  platform?: string;
  /** Where `uses: owner/repo@ref` actions live (a GitHub Enterprise Server), and a token sent to that host only. */
  github?: { url?: string; token?: string };
  /** Bytes a download checksummed for a pin may have at most (default 1 GiB). */
  downloadLimit?: number;
}

export const CONFIG_FILE_NAME = '.driftless.yaml';

export function defaultConfig(): DriftlessConfig {
  return { rules: {}, ignore: [], insecureRegistries: [] };
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    /** 1-based. */
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'ConfigError';
  }
}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

/** Parses `.driftless.yaml`; any problem is a ConfigError naming the file and line, never a silent default. */
export function parseConfig(text: string, file: string, knownRules: ReadonlySet<string>): DriftlessConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    throw new ConfigError(file, lineCounter.linePos(err.pos[0]).line, err.message.split('\n')[0]);
  }
  const config = defaultConfig();
  if (doc.contents === null) return config;
  if (!isMap(doc.contents)) throw new ConfigError(file, lineOf(doc.contents), 'expected a mapping at the top level');
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    switch (key) {
      case 'rules': {
        if (value === null) break;
        if (!isMap(value)) throw new ConfigError(file, lineOf(value), '`rules` must map rule IDs to error, warning, info or off');
        for (const rulePair of value.items) {
          const id = isScalar(rulePair.key) ? String(rulePair.key.value) : '';
          const keyNode = rulePair.key as Node | null;
          if (!knownRules.has(id)) throw new ConfigError(file, lineOf(keyNode), `unknown rule \`${id}\``);
          const setting = isScalar(rulePair.value) ? rulePair.value.value : undefined;
          if (typeof setting === 'boolean') {
            // YAML reads a bare `off`/`no` as a string, but `false`/`true` as booleans: neither says which severity was meant.
            throw new ConfigError(file, lineOf(rulePair.value as Node | null), `rule \`${id}\`: \`${setting}\` is not a severity; write off to turn the rule off, or error, warning or info`);
          }
          if (typeof setting !== 'string' || !SEVERITIES.includes(setting as SeveritySetting)) {
            throw new ConfigError(file, lineOf(rulePair.value as Node | null), `rule \`${id}\`: expected error, warning, info or off`);
          }
          config.rules[id] = setting as SeveritySetting;
        }
        break;
      }
      case 'ignore':
      case 'insecureRegistries': {
        if (value === null) break;
        if (!isSeq(value)) throw new ConfigError(file, lineOf(value), `\`${key}\` must be a list of strings`);
        const list = value.items.map((item) => {
          if (!isScalar(item) || typeof item.value !== 'string') {
            throw new ConfigError(file, lineOf(item as Node), `\`${key}\` must be a list of strings`);
          }
          return item.value;
        });
        config[key] = list;
        break;
      }
      case 'platform': {
        if (!isScalar(value) || typeof value.value !== 'string' || !/^[a-z0-9]+\/[a-z0-9]+(\/[a-z0-9]+)?$/.test(value.value)) {
          throw new ConfigError(file, lineOf(value), '`platform` must look like linux/amd64');
        }
        config.platform = value.value;
        break;
      }
      case 'github':
        config.github = githubSetting(value, (node, detail) => new ConfigError(file, lineOf(node), detail));
        break;
      case 'downloadLimit': {
        const size = isScalar(value) ? parseByteSize(String(value.value)) : undefined;
        if (size === undefined) throw new ConfigError(file, lineOf(value), '`downloadLimit` must be a size such as 1GiB, 500MB or 1048576 (bytes)');
        config.downloadLimit = size;
        break;
      }
      default:
        throw new ConfigError(file, lineOf(pair.key as Node), `unknown setting \`${key}\` (expected rules, ignore, insecureRegistries, platform, github, downloadLimit)`);
    }
  }
  return config;
}

/** `github: { url: https://github.example.com, token: … }`: an origin (no path, query or credentials) and a string. */
function githubSetting(value: Node | null, error: (node: Node | null, detail: string) => ConfigError): DriftlessConfig['github'] {
  if (!isMap(value)) throw error(value, '`github` must be a mapping with `url` and/or `token`');
  const github: NonNullable<DriftlessConfig['github']> = {};
  for (const pair of value.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const node = pair.value as Node | null;
    const text = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    if (key === 'url') {
      if (text === undefined || !isOrigin(text)) throw error(node, '`github.url` must be an https:// origin, e.g. https://github.example.com');
      github.url = text.replace(/\/+$/, '');
    } else if (key === 'token') {
      if (text === undefined || !/^[\x21-\x7e]+$/.test(text)) throw error(node, '`github.token` must be a token (printable characters, no spaces)');
      github.token = text;
    } else throw error(pair.key as Node, `unknown setting \`github.${key}\` (expected url, token)`);
  }
  return github;
}

function isOrigin(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash && /^\/*$/.test(url.pathname);
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** `1GiB`, `500 MB`, `1048576`: a positive whole number of bytes, or undefined. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? BYTE_UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}
