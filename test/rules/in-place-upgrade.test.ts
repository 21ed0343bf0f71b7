import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initEngine } from '../../rules/engine';
import { assertFixed, findingsOf, fixture, where } from '../dockerfile/helpers';

before(() => initEngine());

const RULE = 'in-place-upgrade';

describe(`${RULE} in Dockerfiles`, () => {
  const text = fixture('upgrades.Dockerfile');

  test('finds upgrades in chains, with sudo, in exec form and in heredocs; the range is the command words', () => {
    const found = findingsOf(RULE, text);
    assert.deepEqual(
      found.map((f) => [where(f), text.slice(f.span.start, f.span.end), f.severity]),
      [
        ['3:8-3:26', 'apt-get upgrade -y', 'info'],
        ['7:5-7:28', 'apt-get dist-upgrade -y', 'info'],
        ['9:13-9:36', 'apt-get -y full-upgrade', 'info'],
        ['10:37-10:55', 'apt-get upgrade -y', 'info'],
        ['14:1-14:19', 'apt-get upgrade -y', 'info'],
      ],
    );
    assert.match(found[0].message, /`apt-get upgrade` patches packages in place.*rebuild from a newer pinned base image/);
  });

  test('stays silent on words that only look like commands, installs and single-package updates', () => {
    for (const silent of [
      `FROM a\nRUN echo "apt-get upgrade" && log 'yum update'\n`,
      'FROM a\nRUN apt-get install -y curl && yum update -y openssl\n',
      'FROM a\n# apt-get upgrade\nRUN true\n',
      'FROM a\nRUN grep "apk upgrade" /notes\n',
    ]) {
      assert.deepEqual(findingsOf(RULE, silent), [], silent);
    }
  });

  test('the fix takes the command out of a leading-&& chain: its line disappears, the rest is byte-identical', () => {
    const [finding] = findingsOf(RULE, text);
    assert.equal(finding.fixes[0].title, 'Remove `apt-get upgrade -y` from the RUN chain');
    assertFixed(text, finding, text.replace('    && apt-get upgrade -y \\\n', ''));
  });

  test('trailing-&& chains lose the line too', () => {
    const finding = findingsOf(RULE, text)[1];
    assertFixed(text, finding, text.replace('    apt-get dist-upgrade -y && \\\n', ''));
  });

  test('a RUN that is only the upgrade is removed whole', () => {
    const finding = findingsOf(RULE, text)[2];
    assert.equal(finding.fixes[0].title, 'Remove the `RUN sudo -E apt-get -y full-upgrade` instruction');
    assertFixed(text, finding, text.replace('RUN sudo -E apt-get -y full-upgrade\n', ''));
  });

  test('inside an exec-form sh -c string and a heredoc body', () => {
    const [, , , exec, heredoc] = findingsOf(RULE, text);
    assertFixed(text, exec, text.replace('apt-get update && apt-get upgrade -y"', 'apt-get update"'));
    assertFixed(text, heredoc, text.replace('apt-get update\napt-get upgrade -y\n', 'apt-get update\n'));
  });

  test('CRLF files keep their line breaks', () => {
    const crlf = fixture('crlf.Dockerfile');
    const [finding] = findingsOf(RULE, crlf);
    assertFixed(crlf, finding, crlf.replace(' && apt-get upgrade -y \\\r\n', ''));
  });
});
