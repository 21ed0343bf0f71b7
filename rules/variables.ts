// Variable substitution in image references, as BuildKit reads FROM and compose reads its files.

/** A variable's value as the file sets it (undefined: declared without a value). */
export interface VariableValue {
  value: string | undefined;
}

const REFERENCE = /\\\$|\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))|\$\{[^}]*\}?/g;

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}` and `${VAR+alt}` the way
 * BuildKit does in FROM and compose does in its files; undefined when a variable has no value to substitute
 * (or uses syntax we do not read). `variables` are the ones the file itself sets; any other is unset.
 */
export function substitute(text: string, variables: ReadonlyMap<string, VariableValue>): string | undefined {
  if (!text.includes('$')) return text;
  let unresolved = false;
  const out = text.replace(REFERENCE, (match, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    if (match === '\\$') return '$';
    const name = braced ?? bare;
    if (name === undefined) {
      unresolved = true;
      return '';
    }
    const arg = variables.get(name);
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
