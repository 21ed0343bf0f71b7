import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_QUIET_MS, quietPeriodMs } from '../../server/lsp/scheduler';

test('a document waits for its changes to pause as long as its last lint took, within the debounce and the cap', () => {
  assert.equal(quietPeriodMs(0, undefined), 0);
  assert.equal(quietPeriodMs(200, 3.2), 200);
  assert.equal(quietPeriodMs(0, 3.2), 4);
  assert.equal(quietPeriodMs(200, 1400), 1400);
  assert.equal(quietPeriodMs(0, 60_000), MAX_QUIET_MS);
  assert.equal(quietPeriodMs(5000, 60_000), 5000);
});
