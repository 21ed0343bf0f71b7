/** The columns where the lines a template action writes may start; `any` when a width is not a literal. */
export type OutputColumns = readonly number[] | 'any';

const INTEGER = /^\d+$/;

/** The action's body without its delimiters and trim markers (`{{- x -}}` -> `x`). */
function body(action: string): string {
  let inner = action.slice(2, action.endsWith('}}') ? -2 : undefined);
  if (/^-\s/.test(inner)) inner = inner.slice(1);
  if (/\s-$/.test(inner)) inner = inner.slice(0, -1);
  return inner;
}

/** Index past the Go string, raw string or rune literal opened at `i`. */
function skipLiteral(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== quote) j += quote !== '`' && text[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** The pipeline's commands split at the `|`s outside literals and parentheses, each as its words. */
function pipelineCommands(action: string): string[][] {
  const text = body(action);
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let depth = 0;
  const endWord = (): void => {
    if (word) words.push(word);
    word = '';
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '"' || c === '`' || c === "'") {
      const end = skipLiteral(text, i);
      word += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && c === '|') {
      endWord();
      commands.push(words);
      words = [];
    } else if (depth === 0 && /\s/.test(c)) endWord();
    else word += c;
    i++;
  }
  endWord();
  commands.push(words);
  return commands;
}

/**
 * Where the output of an action written at `column` lands: `nindent N` starts every line at N, `indent N`
 * prefixes N (its first line also after the action's own column), any other action writes at its column.
 */
export function outputColumns(action: string, column: number): OutputColumns {
  const commands = pipelineCommands(action);
  const [name, width, ...rest] = commands[commands.length - 1];
  if (name !== 'nindent' && name !== 'indent') return [column];
  if (width === undefined || rest.length > 0 || !INTEGER.test(width)) return 'any';
  const n = Number(width);
  return name === 'nindent' ? [n] : [...new Set([n, column + n])];
}
