import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initEngine } from '../../rules/engine';
import { assertFixed, findingsOf, fixture, where } from '../dockerfile/helpers';

before(() => initEngine());

const RULE = 'integrity-bypass';

describe(`${RULE} in Dockerfiles`, () => {
  const text = fixture('bypass.Dockerfile');

  test('finds each flag, at the flag (the k of a curl cluster), as an error', () => {
    const found = findingsOf(RULE, text);
    assert.deepEqual(
      found.map((f) => [where(f), text.slice(f.span.start, f.span.end), f.severity]),
      [
        ['2:15-2:16', 'k', 'error'],
        ['3:13-3:35', '--no-check-certificate', 'error'],
        ['4:24-4:47', '--allow-unauthenticated', 'error'],
        ['6:17-6:31', '--trusted-host', 'error'],
      ],
    );
    assert.match(found[1].message, /`--no-check-certificate` switches verification off/);
  });

  test('stays silent without the flags and on lookalikes', () => {
    for (const silent of ['FROM a\nRUN curl -fsSL https://x -o f && echo --insecure\n', 'FROM a\nRUN grep -k x f\n', "FROM a\nRUN echo 'apk add --allow-untrusted x'\n"]) {
      assert.deepEqual(findingsOf(RULE, silent), [], silent);
    }
  });

  test('each fix removes the flag (and its value) with its leading space, nothing else', () => {
    const [k, wget, apt, pip] = findingsOf(RULE, text);
    assertFixed(text, k, text.replace('curl -fsSLk ', 'curl -fsSL '));
    assertFixed(text, wget, text.replace('wget --no-check-certificate -O', 'wget -O'));
    assertFixed(text, apt, text.replace('install -y --allow-unauthenticated \\', 'install -y \\'));
    assertFixed(text, pip, text.replace('pip install --trusted-host pypi.internal.example.com requests', 'pip install requests'));
  });
});
