/** Whether a value read from JSON (a cache file, a baseline, the editor's settings) is an object with keys. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
