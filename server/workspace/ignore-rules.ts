import { relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** `path` relative to `base`, `/`-separated, as gitignore rules and reports write paths. */
export function posixRelative(base: string, path: string): string {
  const rel = relative(base, path);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** Globs in gitignore syntax relative to a folder: a `.gitignore`, a config's `ignore`, the `driftless.exclude` setting. */
export class IgnoreRules {
  private readonly rules: Ignore;

  constructor(
    readonly base: string,
    patterns: string | readonly string[],
  ) {
    this.rules = ignore().add(typeof patterns === 'string' ? patterns : [...patterns]);
  }

  /** What the rules say of a path (a folder with `isDir`): undefined when it is not below `base`. */
  test(path: string, isDir: boolean): { ignored: boolean; unignored: boolean } | undefined {
    const rel = posixRelative(this.base, path);
    if (rel === '' || rel.startsWith('..')) return undefined;
    return this.rules.test(isDir ? `${rel}/` : rel);
  }

  ignores(path: string, isDir: boolean): boolean {
    return this.test(path, isDir)?.ignored === true;
  }
}
