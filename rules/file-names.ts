import picomatch from 'picomatch';

/**
 * Which files a front end may claim, by base name: what a folder walk reads and an editor watches. Its `classify`
 * has the last word (a YAML kind is told by content, a Chef recipe by its cookbook).
 */
export interface FileNames {
  /** Globs of base names: `Dockerfile`, `Dockerfile.*`, `*.yaml`. */
  globs: readonly string[];
  /** Base names the globs match that are never this kind (`*.dockerignore`). */
  except?: readonly string[];
  /** Matched in any letter case (Docker builds a `dockerfile` as readily as a `Dockerfile`). */
  anyCase?: boolean;
  /** The kind is told by the name alone: such a file in a workspace is reason for the editor to start. */
  byNameAlone?: boolean;
  /** Editor language IDs whose documents may be of this kind. */
  languages: readonly string[];
  /** A language ID that makes a document of this kind whatever its name (an untitled Dockerfile). */
  definingLanguage?: string;
}

const matchers = new WeakMap<FileNames, (baseName: string) => boolean>();

/** The file name without its folder, either separator. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Whether the file's base name is one of `names`. */
export function hasFileName(names: FileNames, path: string): boolean {
  let matches = matchers.get(names);
  if (!matches) {
    // Plain regular expressions: a folder walk asks this of every file, for every front end.
    const options = { nocase: names.anyCase === true, dot: true };
    const included = names.globs.map((glob) => picomatch.makeRe(glob, options));
    const excluded = (names.except ?? []).map((glob) => picomatch.makeRe(glob, options));
    matches = (base) => included.some((re) => re.test(base)) && !excluded.some((re) => re.test(base));
    matchers.set(names, matches);
  }
  return matches(baseName(path));
}

/** The globs as an editor matches them (case-sensitively): letters of any-case names become `[dD]` classes. */
export function editorGlobs(names: FileNames): string[] {
  if (!names.anyCase) return [...names.globs];
  return names.globs.map((glob) => glob.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`));
}

/** The folder part of a path, either separator, with its trailing separator; '' for a bare name. */
export function folderPrefix(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
