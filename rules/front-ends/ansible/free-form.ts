/**
 * Ansible's free-form arguments (`apt: name=nginx state=latest`, `shell: apt-get update chdir=/tmp`), split the
 * way Ansible's `split_args`/`parse_kv` do: on whitespace outside quotes and Jinja blocks, `key=value` at the
 * first unquoted `=`, surrounding quotes dropped from the value. Offsets are into the string given.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

export interface FreeFormPair {
  key: string;
  /** The value with its surrounding quotes removed. */
  value: string;
  /** The whole `key=value` token. */
  token: Token;
  /** Where the value sits, inside its quotes. */
  valueStart: number;
  valueEnd: number;
}

export interface FreeForm {
  pairs: FreeFormPair[];
  /** Tokens that are not `key=value` (a command module's command line, a module name after `action:`). */
  raw: Token[];
}

const JINJA_OPEN: Readonly<Record<string, string>> = { '{{': '}}', '{%': '%}', '{#': '#}' };

/** Whitespace-separated tokens; quotes and Jinja blocks keep their spaces. */
export function splitArgs(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    let quote: string | undefined;
    const jinja: string[] = [];
    while (i < text.length) {
      const c = text[i];
      const pair = text.slice(i, i + 2);
      if (jinja.length > 0) {
        if (pair === jinja[jinja.length - 1]) {
          jinja.pop();
          i += 2;
        } else if (JINJA_OPEN[pair]) {
          jinja.push(JINJA_OPEN[pair]);
          i += 2;
        } else i++;
      } else if (quote) {
        if (c === '\\' && quote === '"') i += 2;
        else {
          if (c === quote) quote = undefined;
          i++;
        }
      } else if (JINJA_OPEN[pair]) {
        jinja.push(JINJA_OPEN[pair]);
        i += 2;
      } else if (c === '"' || c === "'") {
        quote = c;
        i++;
      } else if (c === '\\' && i + 1 < text.length) {
        i += 2;
      } else if (/\s/.test(c)) break;
      else i++;
    }
    const end = Math.min(i, text.length);
    tokens.push({ text: text.slice(start, end), start, end });
  }
  return tokens;
}

/** The first `=` outside quotes and Jinja blocks, as an index into the token, or -1. */
function equalsIndex(token: string): number {
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (JINJA_OPEN[token.slice(i, i + 2)]) {
      depth++;
      i++;
    } else if (depth > 0 && ['}}', '%}', '#}'].includes(token.slice(i, i + 2))) {
      depth--;
      i++;
    } else if (depth > 0) continue;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === '=') return i;
  }
  return -1;
}

/**
 * Splits free-form arguments into `key=value` pairs and raw tokens. With `onlyKeys`, only those keys are
 * pairs (a command module's options); every other token, `=` or not, stays raw.
 */
export function parseFreeForm(text: string, onlyKeys?: ReadonlySet<string>): FreeForm {
  const pairs: FreeFormPair[] = [];
  const raw: Token[] = [];
  for (const token of splitArgs(text)) {
    const eq = equalsIndex(token.text);
    const key = eq > 0 ? token.text.slice(0, eq) : '';
    if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || (onlyKeys && !onlyKeys.has(key))) {
      raw.push(token);
      continue;
    }
    let valueStart = token.start + eq + 1;
    let valueEnd = token.end;
    const body = text.slice(valueStart, valueEnd);
    if (body.length >= 2 && (body[0] === '"' || body[0] === "'") && body[body.length - 1] === body[0]) {
      valueStart++;
      valueEnd--;
    }
    pairs.push({ key, value: text.slice(valueStart, valueEnd), token, valueStart, valueEnd });
  }
  return { pairs, raw };
}
