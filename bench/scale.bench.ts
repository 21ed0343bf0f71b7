// Memory and time with input size (issue 21): the CLI over 1, 2, 4 and 8 copies of the shared corpus, in each
// output format, printing wall time, files/s and the CLI's peak RSS. Target: time linear, peak RSS nearly flat
// (text output streams as files finish; JSON and SARIF keep only compact records of the findings).
// `node --import tsx bench/scale.bench.ts [path/to/cli.js]` measures another build (a copy of dist/ before a change).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../test/cli/support';
import { corpusDir } from '../test/support/requirements';
import { median, runChild } from './measure';

const COPIES = [1, 2, 4, 8];
const FORMATS = ['text', 'json', 'sarif'] as const;
const RUNS = 1;

interface Point {
  copies: number;
  files: number;
  wallMs: number;
  peakRssMb: number;
}

async function measure(cli: string, dir: string, format: string, copies: number): Promise<Point> {
  const walls: number[] = [];
  const peaks: number[] = [];
  let files = 0;
  for (let run = 0; run < RUNS; run++) {
    const args = [cli, '--format', format, '--failure-threshold', 'none', '--jobs', '1', dir];
    const result = await runChild(process.execPath, args, dir, { sampleRss: true });
    if (result.status !== 0) throw new Error(`CLI exited ${result.status}: ${result.stderr.split('\n').slice(0, 5).join('\n')}`);
    files = filesLinted(format, result.stdout);
    walls.push(result.wallMs);
    peaks.push(result.peakRssKb / 1024);
  }
  return { copies, files, wallMs: median(walls), peakRssMb: median(peaks) };
}

function filesLinted(format: string, stdout: string): number {
  if (format === 'json') return (JSON.parse(stdout) as { summary: { files: number } }).summary.files;
  if (format === 'sarif') return (JSON.parse(stdout) as { runs: { results: unknown[] }[] }).runs[0].results.length;
  const summary = /in (\d+) files?/.exec(stdout.slice(stdout.lastIndexOf('\n', stdout.length - 2)));
  return summary ? Number(summary[1]) : 0;
}

async function main(): Promise<void> {
  const corpus = corpusDir();
  if (!existsSync(join(corpus, 'MANIFEST.md'))) {
    console.log(`corpus not found at ${corpus} (DRIFTLESS_CORPUS): nothing to measure`);
    return;
  }
  const cli = process.argv[2] ?? CLI;
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build`);
  const root = mkdtempSync(join(tmpdir(), 'driftless-bench-scale-'));
  try {
    let made = 0;
    for (const copies of COPIES) {
      for (; made < copies; made++) cpSync(corpus, join(root, `copy-${made}`), { recursive: true });
      for (const format of FORMATS) {
        const point = await measure(cli, root, format, copies);
        const rate = (point.files / point.wallMs) * 1000;
        const counted = format === 'sarif' ? `${point.files} results` : `${point.files} files linted`;
        console.log(
          `${copies}x corpus, --format ${format}: ${counted}, ${point.wallMs.toFixed(0)} ms` +
            `${format === 'sarif' ? '' : ` = ${rate.toFixed(0)} files/s`}, peak RSS ${point.peakRssMb.toFixed(0)} MB`,
        );
      }
    }
    console.log(`${cli}: ${RUNS} run(s) each; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores; one lint thread (--jobs 1)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
