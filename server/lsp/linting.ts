import { defaultConfig, type DriftlessConfig } from '../../rules/config';
import { initEngine, lint, type LintResult } from '../../rules/engine';
import type { DocumentParseCache } from '../../rules/document-cache';
import { kindOfLanguage, kindsNamed } from '../../rules/file-kinds';
import type { SeveritySetting } from '../../rules/types';
import { diskProbe, lintPath, type ConfigResolver } from '../workspace';
import type { ServerSettings } from './settings';
import { workspaceFolderOf } from './uris';
import { IgnoreRules } from '../workspace/ignore-rules';

/** Lints text for the server: each file's config, the editor settings and exclusions applied in one place. */
export class Linter {
  private excludeCache = new Map<string, IgnoreRules>();

  constructor(
    private readonly configs: ConfigResolver,
    private readonly settings: () => ServerSettings,
    private readonly folders: () => readonly string[],
  ) {}

  /** Call when the settings change. */
  invalidate(): void {
    this.excludeCache.clear();
  }

  /** The `.driftless.yaml` in force for a file (the defaults for an untitled buffer). */
  configFor(file: string | undefined): DriftlessConfig {
    return file === undefined ? defaultConfig() : this.configs.forFile(file).config;
  }

  /** Severities: the rule pages' defaults, then the file's `.driftless.yaml`, then the editor settings. */
  severities(file: string | undefined): Record<string, SeveritySetting> {
    return { ...this.configFor(file).rules, ...this.settings().rules };
  }

  /** True when the `ignore` of the config in force or the `driftless.exclude` setting covers the path. */
  ignores(file: string, isDir: boolean): boolean {
    return this.configs.ignores(this.configs.forFile(file), file, isDir) || this.excludedBySettings(file, isDir);
  }

  /** `driftless.exclude` globs are relative to the workspace folder that holds the file. */
  private excludedBySettings(file: string, isDir: boolean): boolean {
    const folder = workspaceFolderOf(file, this.folders());
    if (folder === undefined || this.settings().exclude.length === 0) return false;
    let rules = this.excludeCache.get(folder);
    if (!rules) {
      rules = new IgnoreRules(folder, this.settings().exclude);
      this.excludeCache.set(folder, rules);
    }
    return rules.ignores(file, isDir);
  }

  /**
   * Loads the parsers of the kinds a file may be, by its name or its language mode (`lint` needs them); the
   * server answers `initialize` without loading any, and an editor with only Dockerfiles open never loads Ruby's.
   */
  prepare(file: string | undefined, languageId?: string): Promise<void> {
    const byLanguage = kindOfLanguage(languageId);
    return initEngine([...(file === undefined ? [] : kindsNamed(file)), ...(byLanguage === undefined ? [] : [byLanguage])]);
  }

  /**
   * Lints one file's text; undefined when linting is off or the file is excluded.
   * `file` is its path (undefined for an untitled buffer), `languageId` the editor's language mode,
   * `parseCache` what its earlier lints parsed.
   */
  lint(file: string | undefined, text: string, languageId?: string, parseCache?: DocumentParseCache): LintResult | undefined {
    if (!this.settings().enable) return undefined;
    if (file !== undefined && this.ignores(file, false)) return undefined;
    const byLanguage = kindOfLanguage(languageId);
    const rules = this.severities(file);
    const result = file === undefined ? undefined : lintPath(file, text, { rules, parseCache });
    if (result?.kind !== undefined || byLanguage === undefined) return result ?? { kind: undefined, findings: [], facts: undefined };
    return lint({ path: file ?? 'Dockerfile', text }, { rules, probe: diskProbe, kind: byLanguage, parseCache });
  }
}
