// Checksum pinning's numbers (issue 17): `driftless --pin` (the built CLI, in a child process) hashing a download
// served by a file server on loopback, at 1 KiB, 50 MB and 200 MB. The body streams through sha256, so the peak RSS
// of the 200 MB run should match the 1 KiB run's: memory stays flat. Each run's written checksum is checked.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedSha256, startFileServer } from '../test/support/file-server';
import { median, runChild } from './measure';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const SIZES: ReadonlyArray<readonly [label: string, bytes: number, runs: number]> = [
  ['1 KiB', 1024, 3],
  ['50 MB', 50_000_000, 3],
  ['200 MB', 200_000_000, 3],
];

async function main(): Promise<void> {
  const routes = Object.fromEntries(SIZES.map(([, bytes]) => [`/file-${bytes}.bin`, { size: bytes }]));
  const server = await startFileServer(routes);
  const dir = mkdtempSync(join(tmpdir(), 'driftless-checksum-bench-'));
  try {
    console.log('driftless --pin on a Dockerfile with one ADD <url>, the file served on loopback; wall time and peak RSS of the CLI process:');
    for (const [label, bytes, runs] of SIZES) {
      const url = server.url(`/file-${bytes}.bin`);
      const expected = generatedSha256(bytes);
      const walls: number[] = [];
      const peaks: number[] = [];
      for (let run = 0; run < runs; run++) {
        const dockerfile = join(dir, 'Dockerfile');
        writeFileSync(dockerfile, `FROM scratch\nADD ${url} /data.bin\n`);
        const result = await runChild(process.execPath, [CLI, '--pin', '--quiet', 'Dockerfile'], dir, { sampleRss: true });
        const written = readFileSync(dockerfile, 'utf8');
        if (result.status !== 0 || !written.includes(`--checksum=sha256:${expected} `)) {
          throw new Error(`${label}: exit ${result.status}, file ${JSON.stringify(written)}\n${result.stdout}${result.stderr}`);
        }
        walls.push(result.wallMs);
        peaks.push(result.peakRssKb);
      }
      const wall = median(walls);
      const mbPerS = bytes / 1e6 / (wall / 1000);
      console.log(
        `  ${label.padEnd(6)}: median ${wall.toFixed(0)} ms (${mbPerS.toFixed(0)} MB/s incl. start-up), peak RSS ${(Math.max(...peaks) / 1024).toFixed(1)} MiB (runs: ${peaks.map((p) => (p / 1024).toFixed(1)).join(', ')})`,
      );
    }
    console.log(`  load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
