import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, openSync, readSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, runCli, tempTree } from './support';

const DOCKERFILE = 'FROM ubuntu:latest\nRUN apt-get update && apt-get install -y curl wget git\nRUN curl https://get.example.com/install.sh | sh\n';

/** Reads a non-blocking descriptor to its end, waiting out EAGAIN. */
async function readToEnd(fd: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(64 * 1024);
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, buffer);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EAGAIN')) throw error;
      await sleep(5);
      continue;
    }
    if (read === 0) return Buffer.concat(chunks);
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
}

// The CLI writes a pipe or a file with writeSync; a descriptor that is not blocking answers EAGAIN once full.
test('stdout that a parent left non-blocking, read late: the whole report arrives, in order, as through a plain pipe', async (t) => {
  const { dir, cleanup } = tempTree({});
  t.after(cleanup);
  for (let i = 0; i < 200; i++) writeFileSync(join(dir, `Dockerfile.${i}`), DOCKERFILE);
  const fifo = join(dir, 'stdout.fifo');
  execFileSync('mkfifo', [fifo]);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY);
  const child = spawn(process.execPath, [CLI, '--format', 'json', '.'], { cwd: dir, stdio: ['ignore', writer, 'pipe'], env: { PATH: process.env.PATH } });
  // The child's stdout is the writer's open file: a stream opened on the writer makes both non-blocking, as another
  // Node process sharing the pipe would (spawn() made the child's stdio blocking before it started).
  new Socket({ fd: writer, readable: false }).destroy();
  let stderr = '';
  assert.ok(child.stderr);
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = new Promise<number | null>((resolve) => child.on('close', resolve));
  // The report is about 300 KB and the pipe holds 64 KB: the CLI fills it and meets EAGAIN before anything is read.
  await sleep(500);
  const stdout = (await readToEnd(reader)).toString('utf8');
  closeSync(reader);
  assert.equal(await status, 1);
  assert.equal(stderr, '');
  const plain = runCli(['--format', 'json', '.'], { cwd: dir });
  assert.ok(plain.stdout.length > 256 * 1024, `a report of ${plain.stdout.length} bytes does not fill the pipe`);
  assert.equal(stdout, plain.stdout);
});
