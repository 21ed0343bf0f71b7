// Worst cases of input-controlled size and shape (issue 14 items 8 and 9b): each is linted once in process by the
// bundled engine, its fixes chosen and applied, and the times printed. Every pass should grow linearly (or n log n):
// the doubled sizes show it. Before the fixes, several of these threw RangeError or ran for minutes.
import { loadavg } from 'node:os';
import { bundledEngine, type Engine } from './bundled-engine';

const PINNED = `FROM alpine@sha256:${'a'.repeat(64)}\n`;

interface Case {
  name: string;
  path: string;
  text: () => string;
}

const cases: Case[] = [
  ...[62_500, 125_000].map((n) => ({ name: `YAML, ${n} comment lines`, path: '/b/pod.yaml', text: () => `apiVersion: v1\nkind: Pod\n${'# c\n'.repeat(n)}` })),
  ...[65_000, 130_000].map((n) => ({ name: `Dockerfile, ${n} FROM`, path: '/b/Dockerfile', text: () => 'FROM alpine:3\n'.repeat(n) })),
  ...[3_000, 6_000].map((n) => ({ name: `RUN, && chain of ${n}`, path: '/b/Dockerfile', text: () => `${PINNED}RUN ${Array.from({ length: n }, () => 'apt-get install -y curl').join(' && ')}\n` })),
  ...[5_000, 10_000].map((n) => ({ name: `RUN, ${n} nested $(`, path: '/b/Dockerfile', text: () => `${PINNED}RUN echo ${'$('.repeat(n)}x${')'.repeat(n)}\n` })),
  ...[16_000, 32_000].map((n) => ({ name: `RUN, ;-sequence of ${n} upgrades`, path: '/b/Dockerfile', text: () => `${PINNED}RUN apt-get update; ${Array.from({ length: n }, () => 'apt-get upgrade -y').join('; ')}\n` })),
  ...[40_000, 80_000].map((n) => ({ name: `RUN, ${n} trailing spaces`, path: '/b/Dockerfile', text: () => `${PINNED}RUN apt-get upgrade${' '.repeat(n)}\n` })),
  ...[20_000, 40_000].map((n) => ({ name: `Dockerfile, ${n} removable RUN upgrades`, path: '/b/Dockerfile', text: () => `${PINNED}${'RUN apt-get upgrade -y\n'.repeat(n)}` })),
  // Each stage used to get its own copy of the later stages (and remote-unverified scanned them all per download):
  // 2,000 / 4,000 stages linted in 6.9 / 19.2 s before, 2.3 / 3.0 s after, back to back at load 19 (the issue: 24 s).
  ...[1_000, 2_000].map((n) => ({ name: `RUN, pipeline of ${n} curl stages`, path: '/b/Dockerfile', text: () => `${PINNED}RUN ${'curl https://x.test/a | '.repeat(n - 1)}curl https://x.test/a\n` })),
  ...[1_000, 2_000].map((n) => ({ name: `RUN, ${n} curl stages piped into sh`, path: '/b/Dockerfile', text: () => `${PINNED}RUN ${'curl https://x.test/a | '.repeat(n)}sh\n` })),
  ...[500, 1_100].map((n) => ({ name: `YAML, ${n} nested '- '`, path: '/b/pod.yaml', text: () => `${'- '.repeat(n)}a\n` })),
  ...[2_000, 4_000].map((n) => ({ name: `Terraform, a line of ${n} && between 100 blocks`, path: '/b/main.tf', text: () => { const blocks = 'resource "c" "d" {\n  e = "f"\n}\n'.repeat(50); return `${blocks}resource "a" "b" {\n  v =${' &&'.repeat(n)}\n}\n${blocks}`; } })),
  ...[10_000, 20_000].map((n) => ({ name: `Terraform, ${n} blanks before a unary minus`, path: '/b/main.tf', text: () => `resource "a" "b" {\n  name = ${' '.repeat(n)}-\n}\n` })),
  ...[100, 250].map((n) => ({ name: `Ruby, ${n} chained assignments (a prism trap)`, path: '/b/cookbook/recipes/r.rb', text: () => `${'x = '.repeat(n)}1\n` })),
];

function time<T>(run: () => T): { value: T; ms: number } | { error: string; ms: number } {
  const started = performance.now();
  try {
    return { value: run(), ms: performance.now() - started };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), ms: performance.now() - started };
  }
}

function runCase(engine: Engine, c: Case): string {
  const text = c.text();
  const kind = c.path.endsWith('.rb') ? 'chef' : c.path.endsWith('.yaml') ? 'kubernetes' : undefined;
  const linted = time(() => engine.lint({ path: c.path, text }, { kind }));
  if ('error' in linted) return `${c.name.padEnd(46)} lint threw after ${linted.ms.toFixed(0)} ms: ${linted.error}`;
  const chosen = time(() => engine.chooseFixes(linted.value.findings, { unsafe: true }));
  if ('error' in chosen) return `${c.name.padEnd(46)} chooseFixes threw: ${chosen.error}`;
  const applied = time(() => engine.applyEdits(text, chosen.value.edits));
  const findings = linted.value.findings.length;
  return `${c.name.padEnd(46)} lint ${linted.ms.toFixed(0).padStart(7)} ms, ${String(findings).padStart(7)} findings, choose ${chosen.ms.toFixed(0).padStart(5)} ms (${chosen.value.edits.length} edits), apply ${applied.ms.toFixed(0).padStart(4)} ms`;
}

async function main(): Promise<void> {
  const engine = await bundledEngine();
  await engine.initEngine();
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const only = process.env.HOSTILE_CASES;
  for (const c of cases) if (!only || c.name.includes(only)) console.log(runCase(engine, c));
}

void main();
