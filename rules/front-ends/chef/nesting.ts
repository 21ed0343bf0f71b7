/**
 * How deep Ruby may nest before it is refused unparsed. prism's WASM build runs out of its stack on deep input:
 * about 130 unclosed `(` or `begin` run for minutes, about 160 overwrite its memory (a trap, or a wrong tree
 * read back). No recipe comes near this depth.
 */
export const MAX_RUBY_NESTING = 64;

/** Keywords that open a block closed by `end` wherever they stand. */
const OPENERS = new Set(['begin', 'class', 'module', 'def', 'case', 'do']);
/** Keywords that open a block only when they start a line (else they are modifiers: `x if y`). */
const LINE_OPENERS = new Set(['if', 'unless', 'while', 'until', 'for']);
/** Line openers whose optional `do` opens nothing more. */
const LOOPS = new Set(['while', 'until', 'for']);
const HEREDOC = /<<[~-]?(["'`]?)([A-Za-z_]\w*)\1/g;

/**
 * The offset where `text` first nests deeper than `limit` levels, else undefined. A cheap scan, not a parse:
 * brackets (`#{` among them) and the keywords that pair with `end`; comments and heredoc bodies skipped. It may
 * miscount a construct now and then, never by dozens in real code.
 */
export function rubyTooDeepAt(text: string, limit = MAX_RUBY_NESTING): number | undefined {
  let depth = 0;
  const heredocs: string[] = [];
  for (let line = 0; line < text.length; ) {
    let end = text.indexOf('\n', line);
    if (end < 0) end = text.length;
    const content = text.slice(line, end);
    if (heredocs.length > 0) {
      if (content.trim() === heredocs[0]) heredocs.shift();
      line = end + 1;
      continue;
    }
    for (const match of content.matchAll(HEREDOC)) heredocs.push(match[2]);
    const first = /^\s*([a-z]+)/.exec(content)?.[1] ?? '';
    const loopLine = LOOPS.has(first);
    if (LINE_OPENERS.has(first) && ++depth > limit) return line + content.indexOf(first);
    for (let at = line; at < end; at++) {
      const c = text[at];
      if (c === '#' && text[at + 1] !== '{') break;
      if (c === '(' || c === '[' || c === '{') {
        if (++depth > limit) return at;
      } else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
      else if (isWordStart(text, at)) {
        let to = at + 1;
        while (to < end && isWordChar(text.charCodeAt(to))) to++;
        const word = text.slice(at, to);
        if (word === 'end') depth = Math.max(0, depth - 1);
        else if (OPENERS.has(word) && !(word === 'do' && loopLine) && ++depth > limit) return at;
        at = to - 1;
      }
    }
    line = end + 1;
  }
  return undefined;
}

/** A letter that starts a word: not inside one, not a method call's name (`x.class`) or a symbol (`:end`). */
function isWordStart(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (!(code >= 0x61 && code <= 0x7a)) return false;
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  return !isWordChar(before) && before !== 0x2e && before !== 0x3a && before !== 0x40 && before !== 0x24;
}

function isWordChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}
