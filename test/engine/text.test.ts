import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, LineIndex, lineBreakOf, replacementBetween } from '../../rules/text';

test('LineIndex maps offsets to positions across LF, CRLF and lone CR', () => {
  const text = 'ab\ncd\r\nef\rg';
  const lines = new LineIndex(text);
  assert.equal(lines.lineCount, 4);
  assert.deepEqual(lines.position(0), { line: 0, character: 0 });
  assert.deepEqual(lines.position(4), { line: 1, character: 1 });
  assert.deepEqual(lines.position(7), { line: 2, character: 0 });
  assert.deepEqual(lines.position(10), { line: 3, character: 0 });
  assert.equal(lines.offset({ line: 1, character: 1 }), 4);
  assert.equal(lines.lineEnd(1), 5);
  assert.equal(lines.offset({ line: 1, character: 99 }), 5, 'a character past the end clamps to the line end');
  assert.equal(lines.offset({ line: 9, character: 0 }), text.length);
});

test('LineIndex counts UTF-16 code units, as LSP does', () => {
  const text = '# 🐳 é\nFROM x';
  assert.deepEqual(new LineIndex(text).position(text.indexOf('FROM')), { line: 1, character: 0 });
  assert.deepEqual(new LineIndex(text).position(text.indexOf('é')), { line: 0, character: 5 });
});

test('applyEdits applies edits in offset order whatever order they come in', () => {
  const out = applyEdits('0123456789', [
    { span: { start: 8, end: 9 }, newText: 'X' },
    { span: { start: 1, end: 3 }, newText: '' },
    { span: { start: 5, end: 5 }, newText: '++' },
  ]);
  assert.equal(out, '034++567X9');
});

test('applyEdits refuses overlapping edits instead of writing a mangled file', () => {
  assert.throws(
    () =>
      applyEdits('abcdef', [
        { span: { start: 1, end: 4 }, newText: '' },
        { span: { start: 3, end: 5 }, newText: 'z' },
      ]),
    /overlapping/,
  );
});

test('lineBreakOf keeps the file’s own line endings', () => {
  assert.equal(lineBreakOf('a\r\nb'), '\r\n');
  assert.equal(lineBreakOf('a\nb\r\n'), '\n');
  assert.equal(lineBreakOf('single line'), '\n');
});

test('replacementBetween replaces only the changed middle, never cutting a CRLF or a surrogate pair', () => {
  const cases: [string, string][] = [
    ['a\nb\nc\n', 'a\nc\n'],
    ['same', 'same'],
    ['x\r\ny', 'x\r\r\ny'],
    ['a\r\nb', 'a\nb'],
    ['😀b', '😁b'],
    ['ab😀', 'ab😁'],
    ['', 'new'],
  ];
  for (const [before, after] of cases) {
    const edit = replacementBetween(before, after);
    assert.equal(applyEdits(before, [edit]), after, JSON.stringify([before, after]));
    for (const offset of [edit.span.start, edit.span.end]) {
      const pair = before.slice(offset - 1, offset + 1);
      assert.ok(offset === 0 || (pair !== '\r\n' && !/^[\ud800-\udbff][\udc00-\udfff]$/.test(pair)), `cut at ${offset} in ${JSON.stringify(before)}`);
    }
  }
  assert.deepEqual(replacementBetween('a\nb\nc\n', 'a\nc\n'), { span: { start: 2, end: 4 }, newText: '' });
});
