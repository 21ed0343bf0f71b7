/** A global `ARG` (before the first FROM): its default and where that default's text ends. */
export interface GlobalArg {
  value: string | undefined;
  /** Where `@digest` goes to pin the default: the end of the value, inside its quotes. */
  valueEnd?: number;
}

export type GlobalArgs = ReadonlyMap<string, GlobalArg>;

const REFERENCE = /\\\$|\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))|\$\{[^}]*\}?/g;

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}` and `${VAR+alt}` the way
 * BuildKit does in FROM; undefined when a variable has no value to substitute (or uses syntax we do not read).
 */
export function substitute(text: string, args: GlobalArgs): string | undefined {
  if (!text.includes('$')) return text;
  let unresolved = false;
  const out = text.replace(REFERENCE, (match, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    if (match === '\\$') return '$';
    const name = braced ?? bare;
    if (name === undefined) {
      unresolved = true;
      return '';
    }
    const arg = args.get(name);
    const isSet = arg !== undefined && arg.value !== undefined;
    const value = arg?.value ?? '';
    switch (op) {
      case ':-':
        return value !== '' ? value : word!;
      case '-':
        return isSet ? value : word!;
      case ':+':
        return value !== '' ? word! : '';
      case '+':
        return isSet ? word! : '';
      default:
        if (!isSet) unresolved = true;
        return value;
    }
  });
  return unresolved ? undefined : out;
}

/** The variable a reference ends with (`${TAG}` / `$TAG`), when it is a plain reference. */
export function trailingVariable(text: string): string | undefined {
  return /\$\{([A-Za-z_][A-Za-z0-9_]*)\}$|\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(text)?.slice(1).find((g) => g !== undefined);
}

/** How many times `$NAME` / `${NAME…}` appears in the file. */
export function referenceCount(fileText: string, name: string): number {
  return fileText.match(new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`, 'g'))?.length ?? 0;
}
