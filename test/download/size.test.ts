import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseByteSize, parseConfig } from '../../rules/config';
import { formatBytes } from '../../server/download/size';

test('sizes are read with decimal and binary units, or as bytes; anything else is no size', () => {
  const cases: Array<[string, number | undefined]> = [
    ['1048576', 1048576],
    ['1GiB', 1024 ** 3],
    ['1 GiB', 1024 ** 3],
    ['500MB', 500_000_000],
    ['1.5MiB', 1.5 * 1024 ** 2],
    ['2kb', 2000],
    ['0', undefined],
    ['-1GiB', undefined],
    ['1 lot', undefined],
    ['GiB', undefined],
    ['', undefined],
  ];
  for (const [text, bytes] of cases) assert.equal(parseByteSize(text), bytes, text);
});

test('sizes are shown in binary units with at most one decimal', () => {
  assert.deepEqual(
    [1, 734, 1024, 1536, 24 * 1024 ** 2, 200_000_000, 1024 ** 3].map(formatBytes),
    ['1 byte', '734 bytes', '1 KiB', '1.5 KiB', '24 MiB', '191 MiB', '1 GiB'],
  );
});

test('.driftless.yaml downloadLimit: a size, or an error naming the line', () => {
  assert.equal(parseConfig('downloadLimit: 2GiB\n', '.driftless.yaml', new Set()).downloadLimit, 2 * 1024 ** 3);
  assert.equal(parseConfig('downloadLimit: 1048576\n', '.driftless.yaml', new Set()).downloadLimit, 1048576);
  assert.throws(
    () => parseConfig('platform: linux/amd64\ndownloadLimit: huge\n', '.driftless.yaml', new Set()),
    (error: unknown) => error instanceof ConfigError && error.line === 2 && error.detail === '`downloadLimit` must be a size such as 1GiB, 500MB or 1048576 (bytes)',
  );
});
