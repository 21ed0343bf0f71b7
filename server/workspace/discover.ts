import {
  readdir as readdirCallback,
  readdirSync,
  realpath as realpathCallback,
  realpathSync,
  stat as statCallback,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { promisify } from 'node:util';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UnreadablePathError } from './errors';
import { IgnoreRules } from './ignore-rules';
import { isCandidateName } from '../../rules/file-kinds';
import { describeFsError, readSourceFile, readSourceFileSync, type ReadResult } from './source-file';

/** The file-system calls a walk makes. */
interface WalkCalls {
  readdir(path: string): Promise<Dirent[]>;
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<Stats>;
  readSourceFile(path: string): Promise<ReadResult>;
}

const readdirAsync = promisify(readdirCallback);
// node:fs's callback API: its promise API (node:fs/promises) loads readline, watchers and streams with it, 1.7 ms
// of every CLI start.
const ASYNCHRONOUS: WalkCalls = {
  readdir: (path) => readdirAsync(path, { withFileTypes: true }),
  realpath: promisify(realpathCallback),
  stat: promisify(statCallback),
  readSourceFile,
};

/** The same calls, made at once: no hop to libuv's thread pool per call, and no starting it (1-4 ms of an empty CLI run). */
const SYNCHRONOUS: WalkCalls = {
  readdir: async (path) => readdirSync(path, { withFileTypes: true }),
  realpath: async (path) => realpathSync(path),
  stat: async (path) => statSync(path),
  readSourceFile: async (path) => readSourceFileSync(path),
};

export interface DiscoverOptions {
  /** Whether the configuration ignores a path met in a walk (a folder with `isDir`), on top of `.gitignore`. */
  ignores?: (path: string, isDir: boolean) => boolean;
  /** Make the walk's calls synchronously: for a process with nothing else to do meanwhile (the CLI). */
  synchronous?: boolean;
}

export interface DiscoveredFile {
  path: string;
  /** Named by the user rather than found in a folder: linted whatever its name. */
  explicit: boolean;
}

/** Something in a walked folder that was passed over, and why (a symlink loop, an unreadable folder). */
export interface DiscoveryNotice {
  path: string;
  message: string;
  /** The folder could not be read: the results are incomplete. */
  unreadable: boolean;
}

export interface Discovery {
  files: DiscoveredFile[];
  notices: DiscoveryNotice[];
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);


/**
 * Finds the files to lint under `roots` (files or folders). Folders are walked honouring `.gitignore` files
 * and the configuration's ignore globs, skipping `node_modules` and `.git`, never following a symlink back into
 * a folder being walked (a link into a walked root is walked there only); only files whose names make
 * them candidates are returned. A root that does not exist or cannot be read throws UnreadablePathError.
 */
export async function discoverFiles(roots: readonly string[], options: DiscoverOptions = {}): Promise<Discovery> {
  const walker = new Walker(options);
  for (const root of roots) await walker.addRoot(resolve(root), root);
  const files = [...walker.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, notices: walker.notices };
}

class Walker {
  readonly files: DiscoveredFile[] = [];
  readonly notices: DiscoveryNotice[] = [];
  private readonly seenFiles = new Set<string>();
  /** Real paths of the folders given as roots: a symlink into one of them is walked there, not twice. */
  private readonly rootDirs: string[] = [];
  private readonly configIgnores: (path: string, isDir: boolean) => boolean;
  private readonly fs: WalkCalls;

  constructor(options: DiscoverOptions) {
    this.configIgnores = options.ignores ?? (() => false);
    this.fs = options.synchronous ? SYNCHRONOUS : ASYNCHRONOUS;
  }

  async addRoot(path: string, asGiven: string): Promise<void> {
    let stats: Stats;
    try {
      stats = await this.fs.stat(path);
    } catch (error) {
      throw new UnreadablePathError(asGiven, describeFsError(error));
    }
    if (stats.isDirectory()) {
      const real = await this.fs.realpath(path);
      this.rootDirs.push(real);
      await this.walk(path, [], [real], asGiven);
    } else if (stats.isFile()) {
      this.addFile(path, true);
    } else {
      throw new UnreadablePathError(asGiven, 'not a regular file or folder');
    }
  }

  private addFile(path: string, explicit: boolean): void {
    if (this.seenFiles.has(path)) return;
    this.seenFiles.add(path);
    this.files.push({ path, explicit });
  }

  private async walk(dir: string, layers: readonly IgnoreRules[], ancestors: readonly string[], rootAsGiven?: string): Promise<void> {
    const real = ancestors[ancestors.length - 1];
    let entries;
    try {
      entries = await this.fs.readdir(dir);
    } catch (error) {
      if (rootAsGiven !== undefined) throw new UnreadablePathError(rootAsGiven, describeFsError(error));
      this.notices.push({ path: dir, message: `folder skipped: ${describeFsError(error)}`, unreadable: true });
      return;
    }
    const here = await this.gitignoreLayer(dir, entries.some((e) => e.name === '.gitignore' && !e.isDirectory()));
    const active = here ? [...layers, here] : layers;
    const subdirs: Promise<void>[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await this.followLink(path);
        if (!target) continue;
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) {
        if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(active, path, true) || this.configIgnores(path, true)) continue;
        const realDir = entry.isSymbolicLink() ? await this.fs.realpath(path) : join(real, entry.name);
        if (ancestors.includes(realDir)) {
          this.notices.push({ path, message: 'symbolic link loop, not followed', unreadable: false });
          continue;
        }
        if (entry.isSymbolicLink() && this.rootDirs.some((root) => isWithin(realDir, root))) continue;
        subdirs.push(this.walk(path, active, [...ancestors, realDir]));
      } else if (isFile && isCandidateName(path) && !isIgnored(active, path, false) && !this.configIgnores(path, false)) {
        this.addFile(path, false);
      }
    }
    await Promise.all(subdirs);
  }

  /** The link's target, or undefined (with a notice unless it simply dangles). */
  private async followLink(path: string): Promise<Stats | undefined> {
    try {
      return await this.fs.stat(path);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) {
        this.notices.push({ path, message: `symbolic link skipped: ${describeFsError(error)}`, unreadable: false });
      }
      return undefined;
    }
  }

  private async gitignoreLayer(dir: string, present: boolean): Promise<IgnoreRules | undefined> {
    if (!present) return undefined;
    const file = join(dir, '.gitignore');
    const read = await this.fs.readSourceFile(file);
    if (read.status !== 'text') {
      this.notices.push({ path: file, message: `ignored: ${read.reason}`, unreadable: read.status === 'unreadable' });
      return undefined;
    }
    return new IgnoreRules(dir, read.text);
  }
}

function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/** Later (deeper) layers win, as in git: a deeper `!pattern` re-includes what a parent ignored. */
function isIgnored(layers: readonly IgnoreRules[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    const result = layer.test(path, isDir);
    if (result?.ignored) ignored = true;
    else if (result?.unignored) ignored = false;
  }
  return ignored;
}
