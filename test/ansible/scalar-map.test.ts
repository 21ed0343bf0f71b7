import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isScalar, parseDocument, type Scalar } from 'yaml';
import { scalarOffsetMap } from '../../rules/front-ends/ansible/scalar-map';

function scalarAt(text: string, key: string): Scalar {
  const node = parseDocument(text).get(key, true);
  assert.ok(isScalar(node), `${key} is a scalar`);
  return node;
}

/** Where each of `words` (found in the value) sits in the file. */
function fileTextOf(text: string, key: string, words: string[]): string[] {
  const map = scalarOffsetMap(text, scalarAt(text, key));
  assert.ok(map, `${key} maps`);
  return words.map((w) => {
    const i = map.text.indexOf(w);
    assert.ok(i >= 0, `${JSON.stringify(w)} in ${JSON.stringify(map.text)}`);
    return text.slice(map.toFile(i), map.toFile(i + w.length, true));
  });
}

describe('scalar offset maps: the value of every scalar style back to the file', () => {
  test('plain, single-line and folded over lines', () => {
    const text = 'a: apt-get upgrade -y\nb: apt-get update &&\n  apt-get upgrade\n';
    assert.deepEqual(fileTextOf(text, 'a', ['upgrade -y']), ['upgrade -y']);
    assert.deepEqual(fileTextOf(text, 'b', ['apt-get upgrade', 'update &&']), ['apt-get upgrade', 'update &&']);
  });

  test("single-quoted with '' escapes, double-quoted with backslash escapes", () => {
    const text = `a: 'echo ''hi'' && yum update'\nb: "printf \\"%s\\" x\\tand apt-get upgrade"\n`;
    assert.deepEqual(fileTextOf(text, 'a', ['yum update', "'hi'"]), ['yum update', "''hi''"]);
    assert.deepEqual(fileTextOf(text, 'b', ['apt-get upgrade', '"%s"']), ['apt-get upgrade', '\\"%s\\"']);
  });

  test('block literal and folded, with kept indentation and blank lines', () => {
    const text = 'a: |\n  set -e\n  if true; then\n    apt-get -y dist-upgrade\n  fi\n\n  echo ok\nb: >-\n  apk update &&\n  apk upgrade\nc: x\n';
    assert.deepEqual(fileTextOf(text, 'a', ['apt-get -y dist-upgrade', 'echo ok']), ['apt-get -y dist-upgrade', 'echo ok']);
    assert.deepEqual(fileTextOf(text, 'b', ['apk update && apk upgrade']), ['apk update &&\n  apk upgrade']);
  });

  test('CRLF line breaks', () => {
    const text = 'a: |\r\n  apt-get update\r\n  apt-get upgrade\r\nb: 1\r\n';
    assert.deepEqual(fileTextOf(text, 'a', ['apt-get upgrade']), ['apt-get upgrade']);
  });

  test('an explicit indentation indicator is not modelled: no map rather than a wrong one', () => {
    const text = 'a: |2\n   indented\n  x\n';
    assert.equal(scalarOffsetMap(text, scalarAt(text, 'a')), undefined);
  });

  test('non-strings have no map', () => {
    const text = 'a: 12\nb: true\n';
    assert.equal(scalarOffsetMap(text, scalarAt(text, 'a')), undefined);
    assert.equal(scalarOffsetMap(text, scalarAt(text, 'b')), undefined);
  });
});
