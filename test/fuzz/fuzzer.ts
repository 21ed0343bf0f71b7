import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { classify } from '../../rules/engine';
import type { FileKind, FileProbe } from '../../rules/types';
import { REPO_ROOT } from '../support/requirements';
import { checkInput, type Problem } from './check';
import { mutate, seeded, type Scale } from './mutations';

/** The repository's own files as seeds: the test fixtures and the examples. */
const SEED_FOLDERS = ['test/fixtures', 'examples'];
const SKIPPED_FOLDERS = new Set(['expected', 'node_modules', 'lsp']);

export const diskProbe: FileProbe = {
  exists: existsSync,
  read: (path) => (existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined),
};

export interface Seed {
  path: string;
  text: string;
  kind: FileKind;
}

/** Every seed file the engine lints, with its kind, in a stable order. */
export function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(path);
        continue;
      }
      if (!entry.isFile() || statSync(path).size > 1_000_000) continue;
      const text = readFileSync(path, 'utf8');
      const kind = classify({ path, text }, diskProbe);
      if (kind) seeds.push({ path, text, kind });
    }
  };
  for (const folder of SEED_FOLDERS) walk(join(REPO_ROOT, folder));
  return seeds;
}

export interface Failure {
  kind: FileKind;
  seed: string;
  /** The generator's seed and the input's number: `npm run fuzz -- --seed S` makes it again. */
  input: number;
  mutations: string[];
  problem: Problem;
  text: string;
}

export interface KindStats {
  inputs: number;
  failures: number;
  slowest: number;
  overOneSecond: number;
}

export interface FuzzOptions {
  seed: number;
  /** Inputs per file kind. */
  perKind: number;
  scale: Scale;
  maxFixes: number;
  /** Stop making inputs after this long (the long run's budget). */
  deadline?: number;
  onFailure?: (failure: Failure) => void;
}

/** Mutates seeds of every kind in turn and checks each input; the same options give the same inputs. */
export function fuzz(seeds: readonly Seed[], options: FuzzOptions): { stats: Map<FileKind, KindStats>; failures: Failure[] } {
  const rand = seeded(options.seed);
  const donors = seeds.map((s) => s.text);
  const byKind = new Map<FileKind, Seed[]>();
  for (const seed of seeds) byKind.set(seed.kind, [...(byKind.get(seed.kind) ?? []), seed]);
  const stats = new Map<FileKind, KindStats>();
  const failures: Failure[] = [];
  let input = 0;
  for (let round = 0; round < options.perKind; round++) {
    for (const [kind, ofKind] of byKind) {
      if (options.deadline !== undefined && Date.now() > options.deadline) return { stats, failures };
      const seed = ofKind[Math.floor(rand() * ofKind.length)];
      const mutant = mutate(seed.text, rand, options.scale, donors);
      input++;
      const checked = checkInput(seed.path, mutant.text, { kind, probe: diskProbe, maxFixes: options.maxFixes });
      const entry = stats.get(kind) ?? { inputs: 0, failures: 0, slowest: 0, overOneSecond: 0 };
      entry.inputs++;
      entry.slowest = Math.max(entry.slowest, checked.ms);
      if (checked.ms > 1_000) entry.overOneSecond++;
      for (const problem of checked.problems) {
        entry.failures++;
        const failure = { kind, seed: relative(REPO_ROOT, seed.path), input, mutations: mutant.applied, problem, text: mutant.text };
        failures.push(failure);
        options.onFailure?.(failure);
      }
      stats.set(kind, entry);
    }
  }
  return { stats, failures };
}
