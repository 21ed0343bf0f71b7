import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { TestContext } from 'node:test';

export const REPO_ROOT = resolve(__dirname, '..', '..');
const SETUP_HINT = 'run `npm run setup:system` to install it';

/**
 * A real component a test needs (a Debian binary, the cached code-server). Under CI=true a missing one
 * fails the test; elsewhere the test is skipped with a one-line instruction naming the setup script.
 * Returns the path when present, undefined when the test was skipped.
 */
export function requireComponent(t: TestContext, what: string, candidates: readonly string[]): string | undefined {
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  const message = `${what} not found (looked for ${candidates.join(', ')}): ${SETUP_HINT}`;
  if (process.env.CI === 'true') throw new Error(message);
  t.skip(message);
  return undefined;
}

/** The shared real-world corpus: DRIFTLESS_CORPUS, default ../shared/corpus beside the repository. */
export function corpusDir(): string {
  const setting = process.env.DRIFTLESS_CORPUS ?? '../shared/corpus';
  return isAbsolute(setting) ? setting : resolve(REPO_ROOT, setting);
}

export function requireCorpus(t: TestContext): string | undefined {
  const dir = corpusDir();
  if (existsSync(join(dir, 'MANIFEST.md'))) return dir;
  const message = `corpus not found at ${dir}: set DRIFTLESS_CORPUS to a checkout of the shared corpus`;
  if (process.env.CI === 'true') throw new Error(message);
  t.skip(message);
  return undefined;
}
