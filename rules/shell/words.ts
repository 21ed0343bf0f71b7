import type { SyntaxNode } from '../tree-sitter/syntax-tree';

/** Backslash escapes that stay special inside double quotes. */
const DOUBLE_QUOTE_ESCAPE = /\\([$`"\\\n])/g;

function unescapeBare(text: string): string {
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

/**
 * A shell word's value after quote removal, or undefined when it depends on an expansion
 * (`$X`, `${X}`, `$(…)`, `$((…))`, globs aside) or on syntax whose value is not static.
 */
export function wordValue(node: SyntaxNode): string | undefined {
  switch (node.type) {
    case 'word':
      return unescapeBare(node.text);
    case 'number':
      return node.text;
    case 'command_name': {
      const inner = node.firstChild;
      return inner ? wordValue(inner) : undefined;
    }
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string':
      return node.namedChildren.every((c) => c.type === 'string_content')
        ? unescapeDoubleQuoted(node.text.slice(1, -1))
        : undefined;
    case 'translated_string': {
      const inner = node.firstNamedChild;
      return inner ? wordValue(inner) : undefined;
    }
    case 'ansi_c_string':
      return decodeAnsiC(node.text.slice(2, -1));
    case 'concatenation': {
      let out = '';
      for (const child of node.children) {
        const part = child.isNamed ? wordValue(child) : child.text;
        if (part === undefined) return undefined;
        out += part;
      }
      return out;
    }
    default:
      return undefined;
  }
}
