import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressLine } from '../../server/cli/progress';

test('the progress line appears only after a second, redraws at most every 100 ms, and is erased at the end', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 0 });
  const written: string[] = [];
  const progress = progressLine((text) => written.push(text));
  progress.update(1, 10);
  t.mock.timers.tick(999);
  progress.update(2, 10);
  assert.deepEqual(written, [], 'nothing within the first second');
  t.mock.timers.tick(1);
  progress.update(3, 10);
  t.mock.timers.tick(50);
  progress.update(4, 10);
  t.mock.timers.tick(50);
  progress.update(5, 10);
  progress.stop();
  assert.deepEqual(written, ['\r\x1b[2Kdriftless: 3/10 files', '\r\x1b[2Kdriftless: 5/10 files', '\r\x1b[2K']);
});

test('a fast run writes nothing, not even the erase', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 0 });
  const written: string[] = [];
  const progress = progressLine((text) => written.push(text));
  progress.update(1, 1);
  progress.stop();
  assert.deepEqual(written, []);
});
