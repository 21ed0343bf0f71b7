/**
 * How deep YAML may nest before it is refused unparsed. The `yaml` composer recurses once per level: about 1,100
 * nested `- ` exhaust the stack inside a RegExp compile, which aborts the whole process instead of throwing,
 * and about 1,300 flow collections throw. No real manifest comes near this depth.
 */
export const MAX_YAML_NESTING = 256;

/**
 * The offset where `text[from, to)` first nests deeper than `limit` levels, else undefined. A cheap scan, not a
 * parse: block levels are the stack of indentations (compact `- ` and `? ` each open one), flow levels the
 * `[`/`{` that start a value, quoted strings and comments inside them skipped, block scalars' bodies skipped.
 * A run of `- ` inside a flow collection counts a level each too: no valid YAML has one there, but the `yaml`
 * parser, recovering, nests a block sequence per indicator of a run that starts a line (a fuzz-found JSON
 * heredoc in Terraform held 2,000). It may count a level too many or too few, never hundreds.
 */
export function yamlTooDeepAt(text: string, from: number, to: number, limit = MAX_YAML_NESTING): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  /** Consecutive `- ` indicators inside a flow collection, across lines: each may open a block sequence. */
  let dashes = 0;
  let quote = '';
  /** The indentation of the line that opened a block scalar, while in its body. */
  let scalarParent = -1;
  for (let line = from; line < to; ) {
    let end = text.indexOf('\n', line);
    if (end < 0 || end > to) end = to;
    let at = line;
    while (at < end && text.charCodeAt(at) === 0x20) at++;
    const indent = at - line;
    const blank = at >= end || text.charCodeAt(at) === 0x0d;
    if (scalarParent >= 0 && (blank || indent > scalarParent)) {
      line = end + 1;
      continue;
    }
    scalarParent = -1;
    if (flow === 0 && quote === '' && !blank) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      for (;;) {
        indents.push(at - line);
        if (indents.length > limit) return at;
        const c = text[at];
        if ((c !== '-' && c !== '?') || !isSpaceOrEnd(text, at + 1, end)) break;
        at++;
        while (at < end && text.charCodeAt(at) === 0x20) at++;
      }
      at = valueStart(text, at, end);
      if (at < end && text[at] !== '[' && text[at] !== '{') {
        if (opensBlockScalar(text, at, end)) scalarParent = indent;
        line = end + 1;
        continue;
      }
    }
    for (; at < end; at++) {
      const c = text[at];
      if (quote !== '') {
        if (c === '\\' && quote === '"') at++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (at === line || /\s/.test(text[at - 1]))) break;
      else if (c === '[' || c === '{') {
        flow++;
        if (flow + indents.length + dashes > limit) return at;
      } else if (c === '-' && flow > 0 && isSpaceOrEnd(text, at + 1, end)) {
        dashes++;
        if (flow + indents.length + dashes > limit) return at;
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
        dashes = 0;
        if (flow === 0) break;
      } else if (c !== ' ' && c !== '\t' && c !== '\r') dashes = 0;
    }
    line = end + 1;
  }
  return undefined;
}

function isSpaceOrEnd(text: string, at: number, end: number): boolean {
  return at >= end || text[at] === ' ' || text[at] === '\t' || text[at] === '\r';
}

/** Where a block line's value starts: after `key: ` when the line is a plain `key:` pair, else where it is. */
function valueStart(text: string, at: number, end: number): number {
  const c = text[at];
  if (c === '[' || c === '{' || c === '"' || c === "'" || c === '#') return at;
  for (let i = at; i < end; i++) {
    if (text[i] === '#' && /\s/.test(text[i - 1])) return end;
    if (text[i] === ':' && isSpaceOrEnd(text, i + 1, end)) {
      i++;
      while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
      return i;
    }
  }
  return at;
}

/** A value `|` or `>` (with chomping and indentation indicators, and a comment): a block scalar's body follows. */
function opensBlockScalar(text: string, at: number, end: number): boolean {
  const header = /^[|>][-+0-9]*[ \t]*(?:#.*)?\r?$/;
  return (text[at] === '|' || text[at] === '>') && header.test(text.slice(at, end));
}
