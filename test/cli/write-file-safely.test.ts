import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { rewriteFileSafely, writeAtomically } from '../../server/workspace/write-file-safely';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'driftless-write-'));
  dirs.push(dir);
  return dir;
}

describe('the one write path of --fix and --pin', () => {
  test('writes when the file still holds what was read, keeping its mode and leaving no temp file', () => {
    const dir = folder();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM a\n');
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    assert.deepEqual(rewriteFileSafely(join(dir, 'Dockerfile'), 'FROM a\n', 'FROM b\n', [dir]), { ok: true });
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM b\n');
    assert.equal(statSync(join(dir, 'Dockerfile')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir), ['Dockerfile']);
  });

  test('an edit made meanwhile wins: nothing is written and the reason says so', () => {
    const dir = folder();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM a\nRUN added meanwhile\n');
    assert.deepEqual(rewriteFileSafely(join(dir, 'Dockerfile'), 'FROM a\n', 'FROM b\n', [dir]), {
      ok: false,
      reason: 'it changed while Driftless worked on it (run again)',
    });
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM a\nRUN added meanwhile\n');
  });

  test('a symlink inside the folder is written through and stays a symlink; one leading out is refused', () => {
    const dir = folder();
    const outside = folder();
    mkdirSync(join(dir, 'base'));
    writeFileSync(join(dir, 'base', 'Dockerfile'), 'FROM a\n');
    symlinkSync(join(dir, 'base', 'Dockerfile'), join(dir, 'Dockerfile'));
    assert.deepEqual(rewriteFileSafely(join(dir, 'Dockerfile'), 'FROM a\n', 'FROM b\n', [dir]), { ok: true });
    assert.ok(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'base', 'Dockerfile'), 'utf8'), 'FROM b\n');
    writeFileSync(join(outside, 'Dockerfile'), 'FROM a\n');
    symlinkSync(join(outside, 'Dockerfile'), join(dir, 'out.Dockerfile'));
    const refused = rewriteFileSafely(join(dir, 'out.Dockerfile'), 'FROM a\n', 'FROM b\n', [dir]);
    assert.deepEqual(refused, { ok: false, reason: `it leads to ${realpathSync(join(outside, 'Dockerfile'))}, outside ${dir}` });
    assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), 'FROM a\n');
  });

  test('writeAtomically replaces a symlink at the path instead of writing through it', () => {
    const dir = folder();
    const outside = folder();
    writeFileSync(join(outside, 'target'), 'untouched');
    symlinkSync(join(outside, 'target'), join(dir, 'digests.json'));
    writeAtomically(join(dir, 'digests.json'), '{}');
    assert.equal(readFileSync(join(outside, 'target'), 'utf8'), 'untouched');
    assert.equal(lstatSync(join(dir, 'digests.json')).isFile(), true);
    assert.equal(readFileSync(join(dir, 'digests.json'), 'utf8'), '{}');
  });
});
