const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * Whether a value may be written as a pin: exactly `sha256:` and 64 lower-case hex digits, nothing around it.
 * Every digest is checked with this where it enters (an answer, a cache entry) and again right before an edit.
 */
export function isSha256Digest(value: unknown): value is string {
  return typeof value === 'string' && SHA256_DIGEST.test(value);
}
