import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initEngine } from '../../rules/engine';
import { findingsOf, fixture, where } from '../dockerfile/helpers';

before(() => initEngine());

const RULE = 'remote-unverified';

describe(`${RULE} in Dockerfiles`, () => {
  const text = fixture('remote.Dockerfile');

  test('finds ADD <url> without --checksum (at the URL) and curl|sh, wget|bash (at the pipeline)', () => {
    const found = findingsOf(RULE, text);
    assert.deepEqual(
      found.map((f) => [where(f), text.slice(f.span.start, f.span.end), f.severity]),
      [
        ['2:5-2:67', 'https://github.com/krallin/tini/releases/download/v0.19.0/tini', 'warning'],
        ['5:5-5:55', 'curl -fsSL https://get.example.com/install.sh | sh', 'warning'],
        ['6:8-6:64', 'wget -qO- https://deb.nodesource.com/setup_20.x | bash -', 'warning'],
      ],
    );
    assert.match(found[0].message, /Add `--checksum=sha256:…`/);
    assert.match(found[1].message, /downloaded from https:\/\/get\.example\.com\/install\.sh is piped straight into a shell/);
  });

  test('stays silent on ADD --checksum, local ADD, downloads to a file, gpg pipes and quoted lookalikes', () => {
    for (const silent of [
      'FROM a\nADD --checksum=sha256:' + 'c'.repeat(64) + ' https://x/y.tgz /y\nADD ./local.tgz /opt/\n',
      'FROM a\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && sha256sum -c sums && sh /tmp/i.sh\n',
      'FROM a\nRUN curl -fsSL https://x/key | gpg --dearmor -o /k.gpg\n',
      `FROM a\nRUN echo "curl https://x | sh"\n`,
    ]) {
      assert.deepEqual(findingsOf(RULE, silent), [], silent);
    }
  });
});
