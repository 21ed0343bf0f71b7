import { forEachChild, parse } from 'unbash';
import type * as Sh from 'unbash';
import { appendAll } from '../arrays';
import { Scoped } from '../scoped';
import type { Span, TextEdit } from '../types';
import { OffsetMap } from './offset-map';
import type { ShellParseCache } from './parse-cache';
import type { ShellCommand, ShellPipeline, ShellScript, ShellWord } from './types';
import { quotedBody, unescapeDoubleQuoted, wordValue } from './words';
import { programName, unwrap } from './wrappers';

/** The parse cache parseShell answers from, for the lint running (see ShellParseCache). */
export const shellParseCache = new Scoped<ShellParseCache>();

/** Parses the shell text of `map` into its simple commands, with spans in the file `map` points into. */
export function parseShell(map: OffsetMap): ShellScript {
  const cache = shellParseCache.current;
  return cache ? cache.script(map, () => parseUncached(map)) : parseUncached(map);
}

function parseUncached(map: OffsetMap): ShellScript {
  const walker = new Walker(map.text.length);
  walker.within(() => walker.script(map, { removal: undefined, whole: true }, 0));
  walker.commands.sort((a, b) => a.span.start - b.span.start);
  return { commands: walker.commands, hasError: walker.hasError };
}

/**
 * An exec-form command (`RUN ["sh", "-c", "…"]`, a YAML argv list): no shell reads the words, so they are one
 * command as given. `scriptMaps[i]` maps word i's value to the file, for a `sh -c` script among them.
 */
export function parseArgv(words: readonly ShellWord[], scriptMaps: readonly (OffsetMap | undefined)[]): ShellScript {
  if (words.length === 0) return { commands: [], hasError: false };
  const walker = new Walker(scriptMaps.reduce((sum, m) => sum + (m?.text.length ?? 0), 0));
  const real = unwrap(words);
  walker.commands.push({
    name: words[real.name],
    args: words.slice(real.name + 1),
    span: { start: words[0].span.start, end: words[words.length - 1].span.end },
    wholeScript: true,
  });
  const script = real.script === undefined ? undefined : scriptMaps[real.script];
  if (script) walker.within(() => walker.script(script, { removal: undefined, whole: true }, 1));
  walker.commands.sort((a, b) => a.span.start - b.span.start);
  return { commands: walker.commands, hasError: walker.hasError };
}

/** What a statement inherits from where it sits. */
interface Place {
  /** Edits that remove it, when it can be removed alone. */
  removal: TextEdit[] | undefined;
  /** It is the whole script. */
  whole: boolean;
}

/** Commands that run their arguments (or the files they name) as shell code. */
const RUNS_ITS_ARGUMENTS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'eval', 'source', '.']);
/** Builtins that declare variables: their words are assignments, not a program run (`export A=$(curl …)` runs curl only). */
const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'local', 'readonly', 'unset']);
const NOT_REMOVABLE: Place = { removal: undefined, whole: false };
/** A body whose statements can be removed one by one, though the body itself cannot. */
const OPEN_BODY: Place = { removal: undefined, whole: false };
const MAX_NESTING = 6;
const [BACKTICK, DOLLAR, LESS, GREATER, OPEN_PAREN] = ['`', '$', '<', '>', '('].map((c) => c.charCodeAt(0));
/** Node kinds whose children hold the scripts of `$(…)`, `` `…` ``, `<(…)` and `$(( $(…) ))`. */
const SUBSTITUTIONS = new Set(['CommandExpansion', 'ProcessSubstitution', 'ArithmeticCommandExpansion']);

/**
 * The parser reads a word's parts, and the script of a substitution inside it, when first asked: a substitution
 * nested n deep has its text read n times. Real scripts read each character one to three times; a hostile one
 * (thousands of `$(` or `"$(` deep) would take seconds, so the walk stops past this many characters read, with
 * the commands found so far and the script marked as not fully read.
 */
function readBudget(length: number): number {
  return 256_000 + 8 * length;
}

class ReadBudgetSpent extends Error {}

class Walker {
  readonly commands: ShellCommand[] = [];
  hasError = false;
  private map = new OffsetMap();
  private depth = 0;
  private unread: number;

  constructor(length: number) {
    this.unread = readBudget(length);
  }

  /** Runs a walk; one that spends the read budget leaves the commands found so far and the script marked as in error. */
  within(walk: () => void): void {
    try {
      walk();
    } catch (error) {
      if (!(error instanceof ReadBudgetSpent)) throw error;
      this.hasError = true;
    }
  }

  /** Counts `length` characters the parser reads now. */
  private read(length: number): void {
    this.unread -= length;
    if (this.unread < 0) throw new ReadBudgetSpent();
  }

  script(map: OffsetMap, place: Place, depth: number): void {
    this.read(map.text.length);
    const root = parse(crlfAsBlank(map.text));
    if (root.errors?.length) this.hasError = true;
    const outer = { map: this.map, depth: this.depth };
    try {
      this.map = map;
      this.depth = depth;
      this.sequence(root.commands, place, true);
    } finally {
      this.map = outer.map;
      this.depth = outer.depth;
    }
  }

  private span(node: { pos: number; end: number }): Span {
    return this.fileSpan(node.pos, node.end);
  }

  private fileSpan(start: number, end: number): Span {
    return { start: this.map.toFile(start), end: this.map.toFile(end, true) };
  }

  private removal(start: number, end: number): TextEdit[] {
    return [{ span: this.fileSpan(start, end), newText: '' }];
  }

  /**
   * Where a node ends with the here-document bodies it opens, which follow the line it sits on; undefined when
   * something else sits on that line after it (`cat <<EOF && b`): no range then takes out it and its bodies alone.
   */
  private endWithBodies(node: Sh.Statement | Sh.PipelineNode): number | undefined {
    const text = this.map.text;
    if (!holdsHereDocument(text, node.pos, node.end)) return node.end;
    let end = node.end;
    let firstBody = Infinity;
    const visit = (n: Sh.SyntaxNode): void => {
      this.read(n.end - n.pos);
      if (n.type === 'HereDoc') {
        end = Math.max(end, n.closing?.end ?? n.body.end);
        firstBody = Math.min(firstBody, n.body.pos);
      }
      forEachChild(n, visit);
    };
    visit(node);
    if (firstBody === Infinity) return node.end;
    return separatorComments(text, node.end, firstBody, LINE_END) === undefined ? undefined : end;
  }

  /** Statements separated by `;`, `&` or newlines. Only a top-level single statement inherits the place. */
  private sequence(items: readonly Sh.Statement[], place: Place, topLevel: boolean): ShellCommand[] {
    const out: ShellCommand[] = [];
    items.forEach((item, i) => {
      let here: Place;
      if (items.length === 1) here = topLevel ? place : NOT_REMOVABLE;
      else if (place === NOT_REMOVABLE) here = NOT_REMOVABLE;
      else {
        const removal = this.sequenceRemoval(items, i);
        here = removal ? { removal, whole: false } : NOT_REMOVABLE;
      }
      appendAll(out, this.node(item.command, here));
    });
    return out;
  }

  /** The edits that take statement i out of its sequence with one separator; none next to a background `&`. */
  private sequenceRemoval(items: readonly Sh.Statement[], i: number): TextEdit[] | undefined {
    const item = items[i];
    const before = i > 0 ? items[i - 1] : undefined;
    const after = i + 1 < items.length ? items[i + 1] : undefined;
    if (before?.background || (after && item.background)) return undefined;
    const itemEnd = this.endWithBodies(item);
    if (itemEnd === undefined) return undefined;
    if (!before) return after && itemEnd <= after.pos ? this.removal(item.pos, after.pos) : undefined;
    const beforeEnd = this.endWithBodies(before);
    if (beforeEnd === undefined || beforeEnd > item.pos) return undefined;
    const comments = separatorComments(this.map.text, beforeEnd, item.pos, SEQUENCE_SEPARATORS);
    if (comments === undefined) return undefined;
    if (comments.length === 0) return this.removal(beforeEnd, itemEnd);
    if (after) return itemEnd <= after.pos ? this.removal(item.pos, after.pos) : undefined;
    return this.removal(comments[comments.length - 1], itemEnd);
  }

  private node(node: Sh.PipelineNode | Sh.AndOr, place: Place): ShellCommand[] {
    switch (node.type) {
      case 'Command':
        return this.command(node, place);
      case 'AndOr':
        return this.list(node, place === NOT_REMOVABLE);
      case 'Pipeline':
        return node.commands.length === 1 ? this.node(node.commands[0], NOT_REMOVABLE) : this.pipeline(node);
      case 'If':
        return this.conditional(node, place);
      case 'For':
      case 'Select':
        return [...this.substitutionsOf(node.wordlist ?? []), ...this.body(node.body.commands, place)];
      case 'ArithmeticFor':
        return [...this.substitutionsOf([node.initialize, node.test, node.update]), ...this.body(node.body.commands, place)];
      case 'While':
        return [...node.clause.commands.flatMap((c) => this.node(c.command, NOT_REMOVABLE)), ...this.body(node.body.commands, place)];
      case 'Case':
        return [...this.substitutions(node.word), ...node.items.flatMap((item) => this.caseItem(item, place))];
      case 'Function':
        return this.functionBody(node.body, place === NOT_REMOVABLE ? NOT_REMOVABLE : OPEN_BODY);
      case 'Subshell':
      case 'BraceGroup':
        return this.sequence(node.body.commands, place, false);
      case 'Redirected':
        return [...this.node(node.command, place), ...this.substitutionsOf(node.redirects)];
      case 'Coproc':
        return node.body.type === 'CompoundList' ? this.sequence(node.body.commands, NOT_REMOVABLE, false) : this.node(node.body, NOT_REMOVABLE);
      default:
        return this.substitutions(node);
    }
  }

  /** A loop's, a `case` item's or a function's body: its statements can be taken out one by one. */
  private body(items: readonly Sh.Statement[], place: Place): ShellCommand[] {
    return this.sequence(items, place === NOT_REMOVABLE ? NOT_REMOVABLE : OPEN_BODY, false);
  }

  private caseItem(item: Sh.CaseItem, place: Place): ShellCommand[] {
    return [...this.substitutionsOf(item.pattern), ...this.body(item.body.commands, place)];
  }

  private functionBody(body: Sh.Function['body'], place: Place): ShellCommand[] {
    if (body.type === 'CompoundList') return this.sequence(body.commands, place, false);
    if (body.type === 'BraceGroup') return this.sequence(body.body.commands, place, false);
    return this.node(body, place);
  }

  /** `a && b || c`: a command leaves the list with its operator when every operator next to it is `&&`. */
  private list(node: Sh.AndOr, locked: boolean): ShellCommand[] {
    const items = node.commands;
    const operators = node.operators;
    const out: ShellCommand[] = [];
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      const andBefore = i === 0 || operators[i - 1] === '&&';
      const andAfter = last || operators[i] === '&&';
      let removal: TextEdit[] | undefined;
      const end = !locked && andBefore && andAfter && items.length > 1 ? this.endWithBodies(item) : undefined;
      if (end !== undefined && i > 0) {
        const gap = separatorComments(this.map.text, items[i - 1].end, item.pos, LIST_SEPARATORS);
        removal = gap === undefined ? undefined : this.removal(items[i - 1].end, end);
      } else if (end !== undefined && end <= items[1].pos) removal = this.removal(item.pos, items[1].pos);
      appendAll(out, this.node(item, removal ? { removal, whole: false } : NOT_REMOVABLE));
    });
    return out;
  }

  /** Each stage's commands point at the one shared pipeline: copying the later stages to each would be quadratic. */
  private pipeline(node: Sh.Pipeline): ShellCommand[] {
    const emitted = node.commands.map((stage) => this.node(stage, NOT_REMOVABLE));
    const pipeline: ShellPipeline = { span: this.span(node), commands: emitted.flat() };
    let next = 0;
    for (const commands of emitted) {
      next += commands.length;
      if (next === pipeline.commands.length) break;
      for (const command of commands) command.pipedInto ??= { pipeline, next };
    }
    return pipeline.commands.slice();
  }

  /** `if`/`elif`: the conditions before `then` are not removable; the bodies are sequences. */
  private conditional(node: Sh.If | Sh.Elif, place: Place): ShellCommand[] {
    const out = node.clause.commands.flatMap((c) => this.node(c.command, NOT_REMOVABLE));
    if (node.type === 'If') {
      for (const elif of node.elif) appendAll(out, this.conditional(elif, place));
      if (node.else) appendAll(out, this.sequence(node.else.commands, place, false));
    }
    appendAll(out, this.sequence(node.then.commands, place, false));
    return out;
  }

  private substitutionsOf(nodes: readonly (Sh.SyntaxNode | undefined)[]): ShellCommand[] {
    const out: ShellCommand[] = [];
    for (const node of nodes) if (node) appendAll(out, this.substitutions(node));
    return out;
  }

  /** Commands run by `$(…)`, `` `…` `` and `<(…)` anywhere inside `node`. */
  private substitutions(node: Sh.SyntaxNode): ShellCommand[] {
    const out: ShellCommand[] = [];
    const visit = (n: Sh.SyntaxNode): void => {
      this.read(n.end - n.pos);
      if (!mayHoldSubstitution(this.map.text, n.pos, n.end)) return;
      if (SUBSTITUTIONS.has(n.type)) {
        const script = (n as Sh.CommandExpansionPart | Sh.ProcessSubstitutionPart | Sh.ArithmeticCommandExpansion).script;
        if (!script) return;
        if (script.errors?.length) this.hasError = true;
        appendAll(out, this.sequence(script.commands, NOT_REMOVABLE, false));
        return;
      }
      forEachChild(n, visit);
    };
    visit(node);
    return out;
  }

  private command(node: Sh.Command, place: Place): ShellCommand[] {
    const out = this.substitutionsOf(node.prefix);
    if (!node.name) return [...out, ...this.substitutionsOf(node.suffix)];
    if (DECLARATIONS.has(node.name.text)) return [...out, ...this.substitutions(node.name), ...this.substitutionsOf(node.suffix)];
    const wordNodes: (Sh.Word | Sh.Assignment)[] = [node.name];
    for (const child of node.suffix) {
      if (child.type === 'Word' || child.type === 'Assignment') wordNodes.push(child);
      else appendAll(out, this.substitutions(child));
    }
    const words: ShellWord[] = wordNodes.map((n) => {
      this.read(n.text.length);
      return { value: wordValue(n), raw: n.text, span: this.span(n) };
    });
    const real = unwrap(words);
    const runsArguments = real.script === undefined && RUNS_ITS_ARGUMENTS.has(programName(words[real.name].value ?? ''));
    const span = { start: words[0].span.start, end: words[words.length - 1].span.end };
    wordNodes.forEach((n, i) => {
      if (i === real.script) return;
      const inner = this.substitutions(n);
      // `$(curl …)` as the command, or `bash <(curl …)`, `eval "$(curl …)"`: the inner output is run as code.
      if (i === real.name || (runsArguments && i > real.name)) for (const c of inner) c.executedBy ??= span;
      appendAll(out, inner);
    });
    const command: ShellCommand = {
      name: words[real.name],
      args: words.slice(real.name + 1),
      span,
    };
    if (place.removal) command.removal = place.removal;
    if (place.whole) command.wholeScript = true;
    this.commands.push(command);
    out.unshift(command);
    if (real.script !== undefined && this.depth < MAX_NESTING) {
      const inner = this.stringBody(wordNodes[real.script]);
      if (inner) this.script(inner, place, this.depth + 1);
    }
    return out;
  }

  /** The text a shell sees in `sh -c WORD`, mapped back to the file; undefined when it is not static enough to read. */
  private stringBody(node: Sh.Word | Sh.Assignment): OffsetMap | undefined {
    if (node.type !== 'Word') return undefined;
    const parts = node.parts;
    const bare = !parts || parts.every((p) => p.type === 'Literal' || p.type === 'Glob');
    if (bare) return node.text.includes('\\') ? undefined : this.map.slice(node.pos, node.end);
    if (parts.length !== 1) return undefined;
    const [part] = parts;
    if (part.type === 'SingleQuoted' && quotedBody(part.text, "'", "'") !== undefined) return this.map.slice(part.pos + 1, part.end - 1);
    if (part.type === 'DoubleQuoted' && quotedBody(part.text, '"', '"') !== undefined) return this.doubleQuotedBody(part.pos + 1, part.end - 1);
    return undefined;
  }

  /** A double-quoted string's body with `\"`, `\$`, `` \` ``, `\\` unescaped; expansions stay as written. */
  private doubleQuotedBody(start: number, end: number): OffsetMap {
    const out = new OffsetMap();
    const text = this.map.text;
    let run = start;
    for (let i = start; i < end; i++) {
      if (text[i] !== '\\' || !'$`"\\\n'.includes(text[i + 1] ?? '')) continue;
      this.map.slice(run, i, out);
      const fileStart = this.map.toFile(i);
      out.appendSynthetic(unescapeDoubleQuoted(text.slice(i, i + 2)), fileStart, this.map.toFile(i + 2, true) - fileStart);
      run = i + 2;
      i++;
    }
    return this.map.slice(run, end, out);
  }
}

/**
 * The text with each CR that ends a line (a file saved with CRLF) read as part of the line break, at the same
 * offsets: to bash it would be the last character of the line's last word. A blank takes its place, and a line
 * continuation `\` before it moves onto it (`\` CR LF becomes blank `\` LF).
 */
function crlfAsBlank(text: string): string {
  if (!text.includes('\r')) return text;
  const out = text.split('');
  let backslashes = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '\r' && (i + 1 === out.length || out[i + 1] === '\n')) {
      out[i] = ' ';
      if (backslashes % 2 === 1) [out[i - 1], out[i]] = [' ', '\\'];
    }
    backslashes = out[i] === '\\' ? backslashes + 1 : 0;
  }
  return out.join('');
}

/** Whether `text[start, end)` has a `$(`, `` ` ``, `<(` or `>(`: what every command substitution starts with. */
function mayHoldSubstitution(text: string, start: number, end: number): boolean {
  for (let i = Math.max(start, 0); i < end && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKTICK) return true;
    if ((c === DOLLAR || c === LESS || c === GREATER) && text.charCodeAt(i + 1) === OPEN_PAREN) return true;
  }
  return false;
}

const LINE_END = ' \t\r\n';
const SEQUENCE_SEPARATORS = ' \t\r\n;&';
const LIST_SEPARATORS = ' \t\r\n&|';

/**
 * The ends of the comments in `text[from, to)`, where the parser put only `separators`, line continuations and
 * comments; undefined when anything else sits there (a here-document body), so that no removal guesses across it.
 */
function separatorComments(text: string, from: number, to: number, separators: string): number[] | undefined {
  const ends: number[] = [];
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '#') {
      let newline = i;
      while (newline < to && text[newline] !== '\n') newline++;
      ends.push(newline);
      i = newline;
    } else if (c === '\\' && text[i + 1] === '\n') i++;
    else if (!separators.includes(c)) return undefined;
  }
  return ends;
}

/** Whether `text[from, to)` holds `<<`, looking no further. */
function holdsHereDocument(text: string, from: number, to: number): boolean {
  for (let i = from; i + 1 < to; i++) if (text.charCodeAt(i) === LESS && text.charCodeAt(i + 1) === LESS) return true;
  return false;
}
