import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_FILE_BYTES } from '../../server/workspace/limits';
import { readSourceFile } from '../../server/workspace/source-file';
import { tempTree } from './support';

test('reads UTF-8 text as is, keeping a byte order mark and CRLF line breaks', async (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: '\uFEFFFROM alpine:3.20\r\n# café\r\n' });
  t.after(cleanup);
  assert.deepEqual(await readSourceFile(join(dir, 'Dockerfile')), { status: 'text', text: '\uFEFFFROM alpine:3.20\r\n# café\r\n' });
});

test('an empty file is text', async (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: '' });
  t.after(cleanup);
  assert.deepEqual(await readSourceFile(join(dir, 'Dockerfile')), { status: 'text', text: '' });
});

test('a binary file, invalid UTF-8 and a file over the size limit are skipped with a reason', async (t) => {
  const { dir, cleanup } = tempTree({
    binary: new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01]),
    latin1: new Uint8Array([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]),
  });
  t.after(cleanup);
  writeFileSync(join(dir, 'huge'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x41));
  assert.deepEqual(await readSourceFile(join(dir, 'binary')), { status: 'skipped', reason: 'binary file (contains NUL bytes)' });
  assert.deepEqual(await readSourceFile(join(dir, 'latin1')), { status: 'skipped', reason: 'not valid UTF-8 text' });
  assert.deepEqual(await readSourceFile(join(dir, 'huge')), { status: 'skipped', reason: 'larger than 10 MB (10.0 MB)' });
});

test('a missing file, a folder and (for a non-root user) a file without read permission are unreadable', async (t) => {
  const { dir, cleanup } = tempTree({ secret: 'FROM alpine\n' });
  t.after(cleanup);
  mkdirSync(join(dir, 'folder'));
  assert.deepEqual(await readSourceFile(join(dir, 'gone')), { status: 'unreadable', reason: 'no such file or directory' });
  assert.deepEqual(await readSourceFile(join(dir, 'folder')), { status: 'unreadable', reason: 'not a regular file' });
  chmodSync(join(dir, 'secret'), 0o000);
  const expected = process.getuid?.() === 0 ? { status: 'text', text: 'FROM alpine\n' } : { status: 'unreadable', reason: 'permission denied' };
  assert.deepEqual(await readSourceFile(join(dir, 'secret')), expected);
});
