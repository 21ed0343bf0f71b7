/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an argument, and past
 * about 125,000 (a file's comment lines, a Dockerfile's FROMs) that throws a RangeError.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
