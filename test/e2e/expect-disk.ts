import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** Polls a file until its text is exactly `expected` (saves land asynchronously); fails with the diff. */
export async function waitForFileText(path: string, expected: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let actual = readFileSync(path, 'utf8');
  while (actual !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    actual = readFileSync(path, 'utf8');
  }
  assert.equal(actual, expected, `saved text of ${path}`);
}
