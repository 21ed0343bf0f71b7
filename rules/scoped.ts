/**
 * A value that holds for the duration of one synchronous call, such as the parse cache of the document being
 * linted: the parsers deep inside a front end read it without every call in between passing it along.
 */
export class Scoped<T> {
  private value: T | undefined;

  get current(): T | undefined {
    return this.value;
  }

  run<R>(value: T | undefined, call: () => R): R {
    const outer = this.value;
    this.value = value;
    try {
      return call();
    } finally {
      this.value = outer;
    }
  }
}
