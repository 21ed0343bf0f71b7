import { defaultConfig, type DriftlessConfig } from '../../rules/config';
import { initEngine, lint, type LintFailure, type LintResult } from '../../rules/engine';
import type { DocumentParseCache } from '../../rules/document-cache';
import { kindOfLanguage, kindsNamed } from '../../rules/file-kinds';
import type { SeveritySetting } from '../../rules/types';
import { diskProbe, lintPath, type ConfigResolver } from '../workspace';
import type { ServerSettings } from './settings';
import { workspaceFolderOf } from './uris';
import { IgnoreRules } from '../workspace/ignore-rules';

const MAX_LOGGED_FILES = 1000;

/** Lints text for the server: each file's config, the editor settings and exclusions applied in one place. */
export class Linter {
  private excludeCache = new Map<string, IgnoreRules>();
  /** The last failure logged per file: a document that keeps failing as it is typed in is logged once per cause. */
  private readonly logged = new Map<string, string>();

  constructor(
    private readonly configs: ConfigResolver,
    private readonly settings: () => ServerSettings,
    private readonly folders: () => readonly string[],
    /** The output channel: internal errors go there with their stack. */
    private readonly log: (message: string) => void,
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
    let result = file === undefined ? undefined : lintPath(file, text, { rules, parseCache });
    if (result?.kind === undefined && byLanguage !== undefined) {
      result = lint({ path: file ?? 'Dockerfile', text }, { rules, probe: diskProbe, kind: byLanguage, parseCache });
    }
    if (result?.failure) this.logFailure(file ?? 'an untitled document', result.failure);
    return result ?? { kind: undefined, findings: [], facts: undefined };
  }

  private logFailure(file: string, failure: LintFailure): void {
    if (this.logged.get(file) === failure.cause) return;
    if (this.logged.size >= MAX_LOGGED_FILES) this.logged.clear();
    this.logged.set(file, failure.cause);
    this.log(`Driftless could not lint ${file} (a defect in Driftless, please report it): ${failure.stack}`);
  }
}
