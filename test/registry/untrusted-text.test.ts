import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactSecrets, untrustedText } from '../../server/untrusted-text';

describe('text from outside, made safe to print', () => {
  test('control characters, escape sequences and bidirectional overrides become visible escapes, on one line', () => {
    assert.equal(untrustedText('a\r\nb\tc\u0000d\u001b]8;;http://x\u0007e\u007f\u0085\u2028\u202e'), 'a\\x0d\\x0ab\\x09c\\x00d\\x1b]8;;http://x\\x07e\\x7f\\x85\\u{2028}\\u{202e}');
  });

  test('a workflow command cannot start the text; later `::` and ordinary text are kept as they are', () => {
    assert.equal(untrustedText('::error file=a::b'), '\\x3a:error file=a::b');
    assert.equal(untrustedText('nginx:1.25: tag not found (MANIFEST_UNKNOWN)'), 'nginx:1.25: tag not found (MANIFEST_UNKNOWN)');
  });

  test('credentials are redacted: Authorization values, key=value and JSON pairs, URL user info, known secrets', () => {
    assert.equal(redactSecrets('sent Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2ln'), 'sent Authorization: Bearer [redacted]');
    assert.equal(redactSecrets('Basic ZGF2ZTpzZWNyZXQ='), 'Basic [redacted]');
    assert.equal(redactSecrets('{"username":"dave","password":"s3cret"} token=abc123&x=1'), '{"username":"dave","password":[redacted]} token=[redacted]&x=1');
    assert.equal(redactSecrets('cannot reach https://dave:s3cret@registry.example/v2/'), 'cannot reach https://[redacted]@registry.example/v2/');
    assert.equal(redactSecrets('helper said hunter22 was wrong', ['hunter22']), 'helper said [redacted] was wrong');
  });

  test('words that merely name credentials are not redacted', () => {
    const text = 'registry.example/private/secret:1: rejected Basic credentials from auths in /home/u/.docker/config.json; a token obtained with an anonymous request';
    assert.equal(redactSecrets(text), text);
  });
});
