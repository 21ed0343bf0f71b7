/**
 * What dist/cli.js hands the bundle it runs, as a module its `require` answers (BundleLaunch.modules): build
 * facts the bundle cannot hold about itself. A bundle run otherwise (`node dist/cli-main.js`) finds no such module.
 */
export const LAUNCHER_MODULE = 'driftless:launcher';

export interface LauncherFacts {
  /** The SHA-256 of the bundle, from the build. */
  bundleDigest: string;
}
