import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { isFileSystemError, userCacheDir } from '../user-cache-dir';

export interface BundleLaunch {
  /**
   * The CommonJS bundle to run, as `node <bundle>` would: ASCII text that is the module's function as it stands
   * (build/launched-bundle.mjs), so that V8 compiles the text read without another copy.
   */
  bundle: string;
  /** SHA-256 of the bundle's bytes, from the build: names its cache, as V8 checks only a cache's source length. */
  digest: string;
  /**
   * A cache is written, if there was none (or V8 turned it down), at exit, or this many ms after start if
   * sooner (a server runs on, or is killed without exiting), so that it holds what starting compiled.
   */
  saveAfterMs?: number;
  env: NodeJS.ProcessEnv;
  /** Modules the bundle's `require` answers with these (the loading bundle's own), not from disk. */
  modules?: Readonly<Record<string, unknown>>;
}

/**
 * Runs a bundle with V8's code cache, and returns its exports: compiling the 1.1-1.5 MB bundles cost 35-60 ms of CPU on every start, from
 * the cache (which also holds the functions the first run compiled) 15-25 ms. Node 20 has no `module.enableCompileCache()`; `vm.Script`'s `cachedData` is the same
 * cache. It lives in the user's cache folder (one file per bundle build and Node version); V8 rejects a cache
 * from another V8 or another flag set, and a folder that others may write to is not used at all.
 */
export function runWithCodeCache(launch: BundleLaunch): unknown {
  // Latin-1 is ASCII's text without UTF-8's decoding (1.5 ms of 1 MB); the build checks the bundles are ASCII.
  const source = readFileSync(launch.bundle, 'latin1');
  const cacheFile = cacheFileOf(launch);
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const script = new Script(source, { filename: launch.bundle, cachedData });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    const save = (): void => {
      process.removeListener('exit', save);
      clearTimeout(timer);
      writeCache(cacheFile, script.createCachedData(), bundleName(launch));
    };
    process.once('exit', save);
    const timer = launch.saveAfterMs === undefined ? undefined : setTimeout(save, launch.saveAfterMs).unref();
  }
  const bundleModule = new Module(launch.bundle);
  bundleModule.filename = launch.bundle;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(bundleModule.exports, bundleModule.exports, requireFor(launch), bundleModule, launch.bundle, dirname(launch.bundle));
  return bundleModule.exports;
}

function requireFor(launch: BundleLaunch): NodeJS.Require {
  const fromDisk = createRequire(launch.bundle);
  const { modules } = launch;
  if (!modules) return fromDisk;
  return Object.assign((id: string): unknown => (Object.hasOwn(modules, id) ? modules[id] : fromDisk(id)), fromDisk);
}

const CACHE_SUFFIX = '.v8cache';

function bundleName(launch: BundleLaunch): string {
  return basename(launch.bundle, '.js');
}

function cacheFileOf(launch: BundleLaunch): string | undefined {
  const dir = userCacheDir(launch.env);
  if (dir === undefined) return undefined;
  return join(dir, `${bundleName(launch)}-${launch.digest.slice(0, 16)}-${process.version}-${process.arch}${CACHE_SUFFIX}`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if (isFileSystemError(error)) return undefined;
    throw error;
  }
}

/**
 * Written whole under another name, then renamed: a concurrent start reads the old cache, a new one or none.
 * The bundle's caches from other builds and Node versions go: one file per bundle stays.
 */
function writeCache(file: string, data: Buffer, bundleName: string): void {
  const partial = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, file);
    const dir = dirname(file);
    for (const name of readdirSync(dir)) {
      if (name.startsWith(`${bundleName}-`) && name.endsWith(CACHE_SUFFIX) && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
    }
  } catch (error) {
    // A cache that cannot be written (a full or read-only disk) costs the next start its compile time, nothing more.
    if (!isFileSystemError(error)) throw error;
  }
}
