import type { Assignment, Word, WordPart } from 'unbash';

/** Backslash escapes that stay special inside double quotes. */
const DOUBLE_QUOTE_ESCAPE = /\\([$`"\\\n])/g;

function unescapeBare(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(\n|[\s\S])/g, (_, c: string) => (c === '\n' ? '' : c));
}

export function unescapeDoubleQuoted(text: string): string {
  return text.replace(DOUBLE_QUOTE_ESCAPE, (_, c: string) => (c === '\n' ? '' : c));
}

const ANSI_C: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** `$'…'` bodies; numeric escapes (`\x41`, `\101`, `\u…`) make the value unknown rather than guessed. */
function decodeAnsiC(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i];
    const decoded = next === undefined ? undefined : ANSI_C[next];
    if (decoded === undefined) return undefined;
    out += decoded;
  }
  return out;
}

/** A quoted part's body, or undefined when the quote is not closed (the parse reported it). */
export function quotedBody(text: string, open: string, close: string): string | undefined {
  return text.length >= open.length + close.length && text.endsWith(close) ? text.slice(open.length, -close.length) : undefined;
}

function partValue(part: WordPart): string | undefined {
  switch (part.type) {
    case 'Literal':
      return unescapeBare(part.text);
    case 'Glob':
    case 'ExtendedGlob':
    case 'BraceExpansion':
      return part.text;
    case 'SingleQuoted':
      return quotedBody(part.text, "'", "'");
    case 'DoubleQuoted':
    case 'LocaleString': {
      if (!part.parts.every((p) => p.type === 'Literal')) return undefined;
      const body = quotedBody(part.text, part.type === 'DoubleQuoted' ? '"' : '$"', '"');
      return body === undefined ? undefined : unescapeDoubleQuoted(body);
    }
    case 'AnsiCQuoted': {
      const body = quotedBody(part.text, "$'", "'");
      return body === undefined ? undefined : decodeAnsiC(body);
    }
    default:
      return undefined;
  }
}

/** Characters that start a quote, an escape, an expansion or a substitution (`<(…)`); a word without any is its own value. */
const NOT_PLAIN = new Set(['\\', "'", '"', '$', '`', '(']);

function isPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (NOT_PLAIN.has(text[i])) return false;
  return true;
}

/**
 * A shell word's value after quote removal, or undefined when it depends on an expansion
 * (`$X`, `${X}`, `$(…)`, `$((…))`, globs aside) or on syntax whose value is not static.
 */
export function wordValue(word: Word | Assignment): string | undefined {
  if (word.type === 'Assignment') {
    if (word.index || word.value.type !== 'Word') return undefined;
    const value = wordValue(word.value);
    return value === undefined ? undefined : `${word.name}${word.append ? '+' : ''}=${value}`;
  }
  if (isPlain(word.text)) return word.text;
  const parts = word.parts;
  if (!parts) return unescapeBare(word.text);
  let out = '';
  for (const part of parts) {
    const value = partValue(part);
    if (value === undefined) return undefined;
    out += value;
  }
  return out;
}
