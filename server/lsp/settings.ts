import type { SeveritySetting } from '../../rules/types';
import { isRecord } from '../json-record';

/** The `driftless` section of the editor settings, as the server uses it. */
export interface ServerSettings {
  enable: boolean;
  /** Severity per rule ID, or `off`; overrides `.driftless.yaml`. */
  rules: Record<string, SeveritySetting>;
  /** Globs (gitignore syntax, relative to the workspace folder) not to lint. */
  exclude: string[];
  /** Digest lookups in a workspace the user has not trusted: off unless allowed here. */
  allowPinningInUntrustedWorkspace: boolean;
  /** Fix All and fix on save apply unsafe fixes too, as `--unsafe-fixes` does. */
  unsafeFixes: boolean;
  /** How `info` findings show in the editor: hints (dots, not in Problems) or information (squiggles). */
  infoSeverityInEditor: InfoSeverityInEditor;
}

export type InfoSeverityInEditor = 'hint' | 'information';

const INFO_SEVERITIES: readonly string[] = ['hint', 'information'];

export const DEFAULT_DEBOUNCE_MS = 200;

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];

export function defaultSettings(): ServerSettings {
  return { enable: true, rules: {}, exclude: [], allowPinningInUntrustedWorkspace: false, unsafeFixes: false, infoSeverityInEditor: 'hint' };
}

/**
 * Reads the settings object a client sent, keeping what is well-formed. Returns the problems found
 * (an unknown rule, a bad severity) so the server can say so instead of ignoring them silently.
 */
export function readSettings(raw: unknown, knownRules: ReadonlySet<string>): { settings: ServerSettings; problems: string[] } {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (!isRecord(raw)) return { settings, problems };
  if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
  if (isRecord(raw.rules)) {
    for (const [id, value] of Object.entries(raw.rules)) {
      if (!knownRules.has(id)) problems.push(`driftless.rules: unknown rule \`${id}\``);
      else if (typeof value !== 'string' || !SEVERITIES.includes(value)) {
        problems.push(`driftless.rules.${id}: expected error, warning, info or off`);
      } else settings.rules[id] = value as SeveritySetting;
    }
  }
  if (typeof raw.unsafeFixes === 'boolean') settings.unsafeFixes = raw.unsafeFixes;
  if (raw.infoSeverityInEditor !== undefined) {
    if (typeof raw.infoSeverityInEditor === 'string' && INFO_SEVERITIES.includes(raw.infoSeverityInEditor)) {
      settings.infoSeverityInEditor = raw.infoSeverityInEditor as InfoSeverityInEditor;
    } else problems.push('driftless.infoSeverityInEditor: expected hint or information');
  }
  if (Array.isArray(raw.exclude)) settings.exclude = raw.exclude.filter((g): g is string => typeof g === 'string');
  const pinning = raw.pinning;
  if (isRecord(pinning) && typeof pinning.allowInUntrustedWorkspace === 'boolean') {
    settings.allowPinningInUntrustedWorkspace = pinning.allowInUntrustedWorkspace;
  }
  return { settings, problems };
}

/** `files.exclude` is `{glob: true | {when}}`; only the unconditional `true` entries exclude. */
export function filesExcludeGlobs(raw: unknown): string[] {
  if (!isRecord(raw)) return [];
  return Object.entries(raw)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}
