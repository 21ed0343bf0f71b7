import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const DIST = join(__dirname, '..', '..', 'dist');

for (const bundle of ['server-main.js', 'server-features.js']) {
  test(`the language server's ${bundle}, read on every start, is ASCII (V8 holds it as one-byte text) with lines short enough to quote in a stack trace`, () => {
    const bytes = readFileSync(join(DIST, bundle));
    const firstNonAscii = bytes.findIndex((b) => b > 0x7f);
    const at = firstNonAscii === -1 ? '' : bytes.subarray(Math.max(0, firstNonAscii - 60), firstNonAscii + 20).toString('utf8');
    assert.equal(firstNonAscii, -1, `a non-ASCII byte in dist/${bundle}: ${at}`);
    const longest = Math.max(...bytes.toString('latin1').split('\n').map((line) => line.length));
    assert.ok(longest <= 1000, `a line of ${longest} characters`);
  });
}
