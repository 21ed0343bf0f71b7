import type { Parser } from 'web-tree-sitter';
import { appendAll } from '../arrays';
import { Scoped } from '../scoped';
import type { Span, TextEdit } from '../types';
import { loadGrammar } from '../tree-sitter/grammar';
import { BASH_GRAMMAR } from '../tree-sitter/wasm-modules';
import { OffsetMap } from './offset-map';
import type { ShellParseCache } from './parse-cache';
import { copyTree, type SyntaxNode } from '../tree-sitter/syntax-tree';
import type { ShellCommand, ShellPipeline, ShellScript, ShellWord } from './types';
import { unescapeDoubleQuoted, wordValue } from './words';
import { programName, unwrap } from './wrappers';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Parents whose children's field names the walk reads (`condition`); every other node skips that WASM call. */
const FIELDS_READ = new Set(['while_statement', 'for_statement', 'c_style_for_statement', 'case_statement', 'case_item', 'function_definition']);

/** Loads the bash grammar once; `parseShell` is synchronous after this. */
export function initShellParser(): Promise<void> {
  loading ??= loadGrammar(BASH_GRAMMAR).then((loaded) => {
    parser = loaded;
  });
  return loading;
}

/** The parse cache parseShell answers from, for the lint running (see ShellParseCache). */
export const shellParseCache = new Scoped<ShellParseCache>();

/** Parses the shell text of `map` into its simple commands, with spans in the file `map` points into. */
export function parseShell(map: OffsetMap): ShellScript {
  const cache = shellParseCache.current;
  return cache ? cache.script(map, () => parseUncached(map)) : parseUncached(map);
}

function parseUncached(map: OffsetMap): ShellScript {
  if (!parser) throw new Error('initShellParser() must be awaited before parseShell()');
  const walker = new Walker(parser);
  walker.script(map, { removal: undefined, whole: true }, 0);
  walker.commands.sort((a, b) => a.span.start - b.span.start);
  return { commands: walker.commands, hasError: walker.hasError };
}

/**
 * An exec-form command (`RUN ["sh", "-c", "…"]`, a YAML argv list): no shell reads the words, so they are one
 * command as given. `scriptMaps[i]` maps word i's value to the file, for a `sh -c` script among them.
 */
export function parseArgv(words: readonly ShellWord[], scriptMaps: readonly (OffsetMap | undefined)[]): ShellScript {
  if (!parser) throw new Error('initShellParser() must be awaited before parseShell()');
  if (words.length === 0) return { commands: [], hasError: false };
  const walker = new Walker(parser);
  const real = unwrap(words);
  walker.commands.push({
    name: words[real.name],
    args: words.slice(real.name + 1),
    span: { start: words[0].span.start, end: words[words.length - 1].span.end },
    wholeScript: true,
  });
  const script = real.script === undefined ? undefined : scriptMaps[real.script];
  if (script) walker.script(script, { removal: undefined, whole: true }, 1);
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
const NOT_REMOVABLE: Place = { removal: undefined, whole: false };
/** A body whose statements can be removed one by one, though the body itself cannot. */
const OPEN_BODY: Place = { removal: undefined, whole: false };
const MAX_NESTING = 6;
const SEQUENCE_PARENTS = new Set(['program', 'subshell', 'compound_statement', 'do_group', 'else_clause']);
const SKIPPED = new Set(['comment', 'heredoc_body']);
/** Node types that never hold a substitution: no need to look at their children. */
const LEAVES = new Set(['word', 'number', 'raw_string', 'ansi_c_string', 'string_content', 'variable_name', 'special_variable_name', 'file_descriptor', 'heredoc_start', 'heredoc_end']);
const REDIRECTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);

class Walker {
  readonly commands: ShellCommand[] = [];
  hasError = false;
  private map = new OffsetMap();
  private depth = 0;

  constructor(private readonly parser: Parser) {}

  script(map: OffsetMap, place: Place, depth: number): void {
    const root = this.syntaxTree(map.text);
    const outer = { map: this.map, depth: this.depth };
    try {
      this.map = map;
      this.depth = depth;
      this.sequence(root, statementsOf(root), place, true);
    } finally {
      this.map = outer.map;
      this.depth = outer.depth;
    }
  }

  private syntaxTree(text: string): SyntaxNode {
    const tree = this.parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree for a shell script');
    try {
      const { root, tooDeepAt } = copyTree(tree, text, FIELDS_READ);
      if (tree.rootNode.hasError || tooDeepAt !== undefined) this.hasError = true;
      return root;
    } finally {
      tree.delete();
    }
  }

  private span(node: SyntaxNode): Span {
    return this.fileSpan(node.startIndex, node.endIndex);
  }

  private fileSpan(start: number, end: number): Span {
    return { start: this.map.toFile(start), end: this.map.toFile(end, true) };
  }

  private removal(start: number, end: number): TextEdit[] {
    return [{ span: this.fileSpan(start, end), newText: '' }];
  }

  /** Statements separated by `;`, `&` or newlines. Only a top-level single statement inherits the place. */
  private sequence(parent: SyntaxNode, items: SyntaxNode[], place: Place, topLevel: boolean): ShellCommand[] {
    const out: ShellCommand[] = [];
    const gaps = items.length > 1 && place !== NOT_REMOVABLE ? separatorsBetween(parent, items) : [];
    items.forEach((item, i) => {
      let here: Place;
      if (items.length === 1) here = topLevel ? place : NOT_REMOVABLE;
      else if (place === NOT_REMOVABLE) here = NOT_REMOVABLE;
      else here = { removal: this.sequenceRemoval(gaps, items, i), whole: false };
      appendAll(out, this.statement(item, here));
    });
    return out;
  }

  /** `gaps[i]`: the `;`, `&` and comments between item i - 1 and item i. */
  private sequenceRemoval(gaps: SyntaxNode[][], items: SyntaxNode[], i: number): TextEdit[] | undefined {
    const item = items[i];
    const before = i > 0 ? items[i - 1] : undefined;
    const after = i + 1 < items.length ? items[i + 1] : undefined;
    if (before && gaps[i].some((c) => c.type === '&')) return undefined;
    if (after && gaps[i + 1].some((c) => c.type === '&')) return undefined;
    if (!before) return after ? this.removal(item.startIndex, after.startIndex) : undefined;
    const comments = gaps[i].filter((c) => c.type === 'comment');
    if (comments.length === 0) return this.removal(before.endIndex, item.endIndex);
    if (after) return this.removal(item.startIndex, after.startIndex);
    return this.removal(comments[comments.length - 1].endIndex, item.endIndex);
  }

  private statement(node: SyntaxNode, place: Place): ShellCommand[] {
    switch (node.type) {
      case 'command':
        return this.command(node, place);
      case 'redirected_statement':
        return this.redirected(node, place);
      case 'list':
        return this.list(node, place === NOT_REMOVABLE);
      case 'pipeline':
        return this.pipeline(node);
      case 'negated_command':
        return this.children(node, NOT_REMOVABLE);
      case 'if_statement':
      case 'elif_clause':
        return this.conditional(node, place);
      case 'while_statement':
      case 'for_statement':
      case 'c_style_for_statement':
      case 'case_statement':
      case 'case_item':
      case 'function_definition':
        return this.compound(node, place);
      default:
        if (SEQUENCE_PARENTS.has(node.type)) return this.sequence(node, statementsOf(node), place, false);
        return this.substitutions(node);
    }
  }

  private children(node: SyntaxNode, place: Place): ShellCommand[] {
    return node.namedChildren.flatMap((c) => (SKIPPED.has(c.type) ? [] : this.statement(c, place)));
  }

  /** The parent computed the removal over the whole node, redirects included. */
  private redirected(node: SyntaxNode, place: Place): ShellCommand[] {
    const out: ShellCommand[] = [];
    for (const child of node.namedChildren) {
      if (SKIPPED.has(child.type)) continue;
      if (REDIRECTS.has(child.type)) appendAll(out, this.substitutions(child));
      // tree-sitter-bash reads `a && b > f` as `(a && b) > f`: the redirect belongs to the list's last command.
      else if (child.type === 'list') appendAll(out, this.list(child, place === NOT_REMOVABLE, node.endIndex));
      else appendAll(out, this.statement(child, place));
    }
    return out;
  }

  /** `a && b || c`: a command leaves the list with its operator when every operator next to it is `&&`. */
  private list(node: SyntaxNode, locked: boolean, extendTo?: number): ShellCommand[] {
    const items: SyntaxNode[] = [];
    const operators: string[] = [];
    // A chain of n operators nests n lists deep: walked with a stack of child iterators, not by recursion.
    const pending = [node.children[Symbol.iterator]()];
    while (pending.length > 0) {
      const next = pending[pending.length - 1].next();
      if (next.done) {
        pending.pop();
        continue;
      }
      const child = next.value;
      if (SKIPPED.has(child.type)) continue;
      if (child.type === 'list') pending.push(child.children[Symbol.iterator]());
      else if (child.type === '&&' || child.type === '||') operators.push(child.type);
      else if (child.isNamed) items.push(child);
    }
    const out: ShellCommand[] = [];
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      const end = last && extendTo !== undefined ? extendTo : item.endIndex;
      const andBefore = i === 0 || operators[i - 1] === '&&';
      const andAfter = last || operators[i] === '&&';
      let removal: TextEdit[] | undefined;
      if (!locked && andBefore && andAfter && items.length > 1) {
        removal = i > 0 ? this.removal(items[i - 1].endIndex, end) : this.removal(item.startIndex, items[1].startIndex);
      }
      appendAll(out, this.statement(item, removal ? { removal, whole: false } : NOT_REMOVABLE));
    });
    return out;
  }

  /** Each stage's commands point at the one shared pipeline: copying the later stages to each would be quadratic. */
  private pipeline(node: SyntaxNode): ShellCommand[] {
    const stages = node.namedChildren.filter((c) => !SKIPPED.has(c.type));
    const emitted = stages.map((stage) => this.statement(stage, NOT_REMOVABLE));
    const pipeline: ShellPipeline = { span: this.span(node), commands: emitted.flat() };
    let next = 0;
    for (const commands of emitted) {
      next += commands.length;
      if (next === pipeline.commands.length) break;
      for (const command of commands) command.pipedInto ??= { pipeline, next };
    }
    return pipeline.commands.slice();
  }

  /** `if`/`elif`: the conditions before `then` are not removable; the body after it is a sequence. */
  private conditional(node: SyntaxNode, place: Place): ShellCommand[] {
    const out: ShellCommand[] = [];
    const body: SyntaxNode[] = [];
    let inBody = false;
    for (const child of node.children) {
      if (SKIPPED.has(child.type)) continue;
      if (child.type === 'then') inBody = true;
      else if (child.type === 'elif_clause' || child.type === 'else_clause') appendAll(out, this.statement(child, place));
      else if (child.isNamed) {
        if (inBody) body.push(child);
        else appendAll(out, this.statement(child, NOT_REMOVABLE));
      }
    }
    appendAll(out, this.sequence(node, body, place, false));
    return out;
  }

  /** Loops, `case` and functions: their bodies are sequences, everything else (conditions, values) is not removable. */
  private compound(node: SyntaxNode, place: Place): ShellCommand[] {
    const out: ShellCommand[] = [];
    const body: SyntaxNode[] = [];
    let afterPattern = false;
    for (const child of node.children) {
      if (SKIPPED.has(child.type)) continue;
      if (node.type === 'case_item') {
        if (child.type === ')') afterPattern = true;
        else if (child.isNamed && afterPattern) body.push(child);
        else if (child.isNamed) appendAll(out, this.substitutions(child));
        continue;
      }
      if (!child.isNamed) continue;
      if (child.type === 'do_group' || child.type === 'compound_statement' || child.type === 'case_item') {
        appendAll(out, this.statement(child, place === NOT_REMOVABLE ? NOT_REMOVABLE : OPEN_BODY));
      } else if (child.field === 'condition') appendAll(out, this.statement(child, NOT_REMOVABLE));
      else appendAll(out, this.substitutions(child));
    }
    if (body.length > 0) appendAll(out, this.sequence(node, body, place, false));
    return out;
  }

  /** Commands run by `$(…)`, `` `…` `` and `<(…)` anywhere inside `node`. */
  private substitutions(node: SyntaxNode): ShellCommand[] {
    if (node.type === 'command_substitution' || node.type === 'process_substitution') {
      return this.sequence(node, statementsOf(node), NOT_REMOVABLE, false);
    }
    if (LEAVES.has(node.type) || node.children.length === 0) return [];
    return node.namedChildren.flatMap((c) => this.substitutions(c));
  }

  private command(node: SyntaxNode, place: Place): ShellCommand[] {
    const wordNodes: SyntaxNode[] = [];
    const out: ShellCommand[] = [];
    for (const child of node.children) {
      if (!child.isNamed || SKIPPED.has(child.type)) continue;
      if (child.type === 'variable_assignment' || REDIRECTS.has(child.type)) appendAll(out, this.substitutions(child));
      else wordNodes.push(child);
    }
    if (wordNodes.length === 0) return out;
    const words: ShellWord[] = wordNodes.map((n) => ({ value: wordValue(n), raw: n.text, span: this.span(n) }));
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
  private stringBody(node: SyntaxNode): OffsetMap | undefined {
    switch (node.type) {
      case 'raw_string':
        return this.map.slice(node.startIndex + 1, node.endIndex - 1);
      case 'word':
        return node.text.includes('\\') ? undefined : this.map.slice(node.startIndex, node.endIndex);
      case 'string':
        return this.doubleQuotedBody(node.startIndex + 1, node.endIndex - 1);
      default:
        return undefined;
    }
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

/** For each item but the first, the parent's unnamed children and comments between it and the item before: one pass. */
function separatorsBetween(parent: SyntaxNode, items: readonly SyntaxNode[]): SyntaxNode[][] {
  const gaps: SyntaxNode[][] = items.map(() => []);
  let i = 1;
  for (const c of parent.children) {
    if (c.isNamed && c.type !== 'comment') continue;
    while (i < items.length && items[i].startIndex < c.endIndex) i++;
    if (i < items.length && c.startIndex >= items[i - 1].endIndex) gaps[i].push(c);
  }
  return gaps;
}

/** The statements directly inside a sequence parent, without comments, keywords and separators. */
function statementsOf(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c) => !SKIPPED.has(c.type));
}
