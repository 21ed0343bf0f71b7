// Runs every test file under test/ (TypeScript through tsx) with Node's built-in test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// A test that waits for a message that never comes fails after this instead of holding CI until its limit.
const TEST_TIMEOUT_MS = 300_000;
const only = process.argv.slice(2);

function collect(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    if (name === 'fixtures' || name === 'out' || name === 'e2e' || name === 'vscode' || name === 'node_modules') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...collect(full));
    else if (name.endsWith('.test.ts')) files.push(relative(root, full));
  }
  return files;
}

const files = (only.length > 0 ? only : collect(join(root, 'test'))).sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
