import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { lint, type LintResult } from '../../rules/engine';
import type { DocumentParseCache } from '../../rules/document-cache';
import type { FileKind, SeveritySetting } from '../../rules/types';
import { diskProbe, lintPath } from '../workspace';
import type { ConfigStore } from './config-store';
import type { ServerSettings } from './settings';
import { folderOf } from './uris';

/** What a buffer is, when its path cannot say (an untitled buffer, a file named explicitly by its language mode). */
function kindFromLanguage(languageId: string | undefined): FileKind | undefined {
  return languageId === 'dockerfile' ? 'dockerfile' : undefined;
}

/** Lints text for the server: config file, editor settings and exclusions applied in one place. */
export class Linter {
  private ignoreCache = new Map<string, Ignore>();

  constructor(
    private readonly configs: ConfigStore,
    private readonly settings: () => ServerSettings,
    private readonly folders: () => readonly string[],
  ) {}

  /** Call when settings or config files change. */
  invalidate(): void {
    this.ignoreCache.clear();
  }

  folderOf(file: string): string | undefined {
    return folderOf(file, this.folders());
  }

  /** Severities: RULES.md defaults, then `.driftless.yaml`, then the editor settings. */
  severities(folder: string | undefined): Record<string, SeveritySetting> {
    return { ...this.configs.get(folder).rules, ...this.settings().rules };
  }

  /** True when the config's `ignore` or the `driftless.exclude` setting covers the file. */
  isExcluded(file: string): boolean {
    const folder = this.folderOf(file);
    if (folder === undefined) return false;
    const rel = path.relative(folder, file).split(path.sep).join('/');
    return rel !== '' && this.ignoreFor(folder).ignores(rel);
  }

  private ignoreFor(folder: string): Ignore {
    let matcher = this.ignoreCache.get(folder);
    if (!matcher) {
      matcher = ignore().add(this.configs.get(folder).ignore).add(this.settings().exclude);
      this.ignoreCache.set(folder, matcher);
    }
    return matcher;
  }

  /**
   * Lints one file's text; undefined when linting is off or the file is excluded.
   * `file` is its path (undefined for an untitled buffer), `languageId` the editor's language mode,
   * `parseCache` what its earlier lints parsed.
   */
  lint(file: string | undefined, text: string, languageId?: string, parseCache?: DocumentParseCache): LintResult | undefined {
    if (!this.settings().enable) return undefined;
    if (file !== undefined && this.isExcluded(file)) return undefined;
    const byLanguage = kindFromLanguage(languageId);
    const rules = this.severities(file === undefined ? undefined : this.folderOf(file));
    const result = file === undefined ? undefined : lintPath(file, text, { rules, parseCache });
    if (result?.kind !== undefined || byLanguage === undefined) return result ?? { kind: undefined, findings: [], facts: undefined };
    return lint({ path: file ?? 'Dockerfile', text }, { rules, probe: diskProbe, kind: byLanguage, parseCache });
  }
}
