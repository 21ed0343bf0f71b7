import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const BUNDLE = join(__dirname, '..', '..', 'dist', 'cli-main.js');

test('the CLI bundle every start reads is ASCII (V8 holds it as one-byte text) with lines short enough to quote in a stack trace', () => {
  const bytes = readFileSync(BUNDLE);
  const firstNonAscii = bytes.findIndex((b) => b > 0x7f);
  const at = firstNonAscii === -1 ? '' : bytes.subarray(Math.max(0, firstNonAscii - 60), firstNonAscii + 20).toString('utf8');
  assert.equal(firstNonAscii, -1, `a non-ASCII byte in dist/cli-main.js: ${at}`);
  const longest = Math.max(...bytes.toString('latin1').split('\n').map((line) => line.length));
  assert.ok(longest <= 1000, `a line of ${longest} characters`);
});
