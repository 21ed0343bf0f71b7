/**
 * Text that came from outside (a registry's answer, a credential helper, a config or cache file) made safe to
 * show: on one line, without control characters, terminal escape sequences or bidirectional overrides (each
 * shown as a visible `\xNN` / `\u{…}` escape), never starting a line with `::` (a GitHub Actions workflow
 * command), and with anything that looks like a credential replaced by `[redacted]`.
 */
export function untrustedText(text: string, secrets: readonly string[] = []): string {
  return escapeControls(redactSecrets(text, secrets)).replace(/^::/, '\\x3a:');
}

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional formatting characters.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** The shapes a credential takes in an error text: an Authorization value, a `key: value` / `key=value` pair, a URL's user info. */
const SECRET_SHAPES: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+(?=[A-Za-z0-9._~+/=-]*[0-9+/=])[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [
    /((?:^|[\s{,?&;(])"?(?:password|passwd|secret|token|access_token|refresh_token|identitytoken|auth|api[_-]?key)"?\s*(?:=|:(?=[\s"'])))(\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}]+)/gi,
    '$1$2[redacted]',
  ],
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, '$1[redacted]@'],
];

/** Replaces the given secret values (at least 4 characters long) and anything shaped like a credential. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  for (const [shape, replacement] of SECRET_SHAPES) result = result.replace(shape, replacement);
  return result;
}
