import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCliArgs } from '../../server/cli/args';
import { UsageError } from '../../server/cli/usage-error';

test('defaults: text format, warning threshold, the current folder', () => {
  assert.deepEqual(parseCliArgs([]), {
    paths: ['.'],
    format: 'text',
    fix: false,
    unsafeFixes: false,
    pin: false,
    digestCache: undefined,
    lookupDeadline: undefined,
    downloadLimit: undefined,
    failureThreshold: 'warning',
    config: undefined,
    baseline: undefined,
    updateBaseline: false,
    quiet: false,
    verbose: false,
    cache: false,
    cacheLocation: undefined,
    jobs: undefined,
    help: false,
    version: false,
  });
});

test('reads every option, long and short, and keeps the paths in order', () => {
  const options = parseCliArgs([
    ...['-f', 'sarif', '--fix', '--unsafe-fixes', '--pin', '--digest-cache', 'd.json', '--lookup-deadline', '5', '--download-limit', '2GiB'],
    ...['--failure-threshold=none', '-c', 'ci.yaml', '--baseline', 'base.json', '--update-baseline', '-q', '--verbose', '-j', '2', 'b', 'a'],
    ...['--cache', '--cache-location', 'c.json'],
  ]);
  assert.deepEqual(options, {
    paths: ['b', 'a'],
    format: 'sarif',
    fix: true,
    unsafeFixes: true,
    pin: true,
    digestCache: 'd.json',
    lookupDeadline: 5,
    downloadLimit: 2 * 1024 ** 3,
    failureThreshold: 'none',
    config: 'ci.yaml',
    baseline: 'base.json',
    updateBaseline: true,
    quiet: true,
    verbose: true,
    cache: true,
    cacheLocation: 'c.json',
    jobs: 2,
    help: false,
    version: false,
  });
});

test('usage mistakes are UsageErrors that say what is wrong', () => {
  const cases: [string[], string][] = [
    [['--format', 'xml'], "--format must be one of text, json, sarif, markdown, codeclimate (got 'xml')"],
    [['--unsafe-fixes'], '--unsafe-fixes goes with --fix'],
    [['--update-baseline'], '--update-baseline needs --baseline <file>'],
    [['--cache-location', 'c.json'], '--cache-location goes with --cache'],
    [['--failure-threshold', 'high'], "--failure-threshold must be one of error, warning, info, none (got 'high')"],
    [['--jobs', '0'], "--jobs must be a whole number from 1 to 999 (got '0')"],
    [['-j', 'many'], "--jobs must be a whole number from 1 to 999 (got 'many')"],
    [['--download-limit', '1 lot'], "--download-limit must be a size such as 1GiB, 500MB or 1048576 (bytes) (got '1 lot')"],
    [['--download-limit', '0'], "--download-limit must be a size such as 1GiB, 500MB or 1048576 (bytes) (got '0')"],
    [['--frobnicate'], "unknown option '--frobnicate'"],
    [['--format'], "Option '-f, --format <value>' argument missing"],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseCliArgs(argv), (error: unknown) => error instanceof UsageError && error.message === message, argv.join(' '));
  }
});
