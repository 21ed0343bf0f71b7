import { toDriftlessIds } from './pragmas';
import { LineIndex, lineBreakOf } from './text';
import type { Comment, Facts, Finding, LocalFix, Span } from './types';

/** Where a suppression comment reaches. */
type Reach =
  | { kind: 'file' }
  /** The statement starting on the next non-comment line, or that line alone. */
  | { kind: 'next-line' }
  /** The statement holding the comment, or the comment's own line. */
  | { kind: 'enclosing' };

interface Pragma {
  reach: Reach;
  /** Our rule IDs; undefined means every rule. */
  rules?: string[];
  comment: Comment;
}

const ALL = undefined;

function splitIds(list: string): string[] {
  return list.split(/[\s,]+/).filter((s) => s.length > 0);
}

/** Reads one comment's text as a pragma of ours or of a peer tool. */
export function parsePragma(comment: Comment, known: ReadonlySet<string>): Pragma | undefined {
  const text = comment.text.trim();
  const ours = /^driftless-disable-(next-line|file)\b(.*)$/.exec(text);
  if (ours) {
    const list = ours[2].split(/\s--\s|\s--$/)[0].trim();
    const rules = list.length === 0 ? ALL : toDriftlessIds(splitIds(list), known);
    return { reach: { kind: ours[1] === 'file' ? 'file' : 'next-line' }, rules, comment };
  }
  const hadolint = /^hadolint\s+ignore=(\S+)/.exec(text);
  if (hadolint) return { reach: { kind: 'next-line' }, rules: toDriftlessIds(splitIds(hadolint[1]), known), comment };
  const noqa = /(?:^|\s)noqa(?:(?::\s*|\s+)(.*))?$/.exec(text);
  if (noqa) {
    const rules = noqa[1] === undefined || noqa[1].trim() === '' ? ALL : toDriftlessIds(splitIds(noqa[1]), known);
    return { reach: { kind: 'enclosing' }, rules, comment };
  }
  const checkov = /^checkov:skip=([A-Za-z0-9_]+)/.exec(text);
  if (checkov) return { reach: { kind: 'enclosing' }, rules: toDriftlessIds([checkov[1]], known), comment };
  // An `:exp:<date>` suffix or a `[…]` attribute condition follows the ID; the pragma covers the block below.
  const trivy = /^(?:trivy|tfsec):ignore:([^\s:[]+)/.exec(text);
  if (trivy) return { reach: { kind: 'next-line' }, rules: toDriftlessIds([trivy[1]], known), comment };
  return undefined;
}

/** Decides, for the findings of one file, which ones the file's pragmas and scoped suppressions silence. */
export class Suppressions {
  private readonly pragmas: Pragma[];
  private readonly commentLines: Set<number>;
  private readonly scoped: { span: Span; rules: string[] }[];

  constructor(
    private readonly facts: Facts,
    private readonly lines: LineIndex,
    known: ReadonlySet<string>,
  ) {
    this.pragmas = [];
    this.commentLines = new Set();
    this.scoped = facts.scopedSuppressions.map((s) => ({ span: s.span, rules: toDriftlessIds(s.ids, known) }));
    for (const comment of facts.comments) {
      // A line that ends in a comment is code: a next-line pragma above it reaches it, not the line after.
      if (lines.startsLine(comment.span.start)) this.commentLines.add(lines.position(comment.span.start).line);
      const pragma = parsePragma(comment, known);
      if (pragma && (pragma.rules === ALL || pragma.rules.length > 0)) this.pragmas.push(pragma);
    }
  }

  isSuppressed(rule: string, span: Span): boolean {
    for (const scoped of this.scoped) {
      if (scoped.rules.includes(rule) && scoped.span.start <= span.start && span.start <= scoped.span.end) return true;
    }
    return this.pragmas.some((p) => (p.rules === ALL || p.rules.includes(rule)) && this.reaches(p, span));
  }

  private reaches(pragma: Pragma, span: Span): boolean {
    const findingLine = this.lines.position(span.start).line;
    const commentLine = this.lines.position(pragma.comment.span.start).line;
    switch (pragma.reach.kind) {
      case 'file':
        return true;
      case 'next-line': {
        const target = this.lineAfterComments(commentLine);
        if (findingLine === target) return true;
        const statement = this.statementStartingOn(target);
        return statement !== undefined && statement.start <= span.start && span.start < statement.end;
      }
      case 'enclosing': {
        if (findingLine === commentLine) return true;
        // Outside every statement (a Checkov skip above a Terraform block), it covers the statement below.
        const statement = this.innermostStatement(pragma.comment.span.start) ?? this.statementStartingOn(this.lineAfterComments(commentLine));
        return statement !== undefined && statement.start <= span.start && span.start < statement.end;
      }
    }
  }

  /** The first line after `line` that holds no comment. */
  private lineAfterComments(line: number): number {
    let target = line + 1;
    while (this.commentLines.has(target) && target < this.lines.lineCount) target++;
    return target;
  }

  /** The longest statement starting on each line, built once: a file's findings ask for it per pragma. */
  private byStartLine: Map<number, Span> | undefined;

  private statementStartingOn(line: number): Span | undefined {
    if (!this.byStartLine) {
      this.byStartLine = new Map();
      for (const s of this.facts.statements) {
        const start = this.lines.position(s.start).line;
        const best = this.byStartLine.get(start);
        if (!best || s.end - s.start > best.end - best.start) this.byStartLine.set(start, s);
      }
    }
    return this.byStartLine.get(line);
  }

  private innermostStatement(offset: number): Span | undefined {
    let best: Span | undefined;
    for (const s of this.facts.statements) {
      if (s.start <= offset && offset < s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
    }
    return best;
  }
}

/** "Suppress <rule> on this line" and "… in this file": comments inserted above the finding's statement / at the top. */
export function suppressionFixes(finding: Finding, facts: Facts, text: string): LocalFix[] {
  const lines = new LineIndex(text);
  const eol = lineBreakOf(text);
  // The innermost statement holding the finding (a task, not its play) that starts on an earlier line.
  let anchor = finding.span.start;
  let innermost: Span | undefined;
  for (const s of facts.statements) {
    if (s.start <= finding.span.start && finding.span.start < s.end && lines.position(s.start).line < lines.position(finding.span.start).line) {
      if (!innermost || s.end - s.start < innermost.end - innermost.start) innermost = s;
    }
  }
  if (innermost) anchor = innermost.start;
  const line = lines.position(anchor).line;
  // A comment goes after a leading BOM: before it, the BOM would start the comment's line, not the file.
  const lineStart = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lines.lineEnd(line)))?.[0] ?? '';
  let fileInsert = 0;
  if (text.charCodeAt(0) === 0xfeff) fileInsert = 1;
  const firstLine = text.slice(fileInsert, lines.lineEnd(0));
  if (facts.kind === 'dockerfile' && /^#\s*(syntax|escape|check)\s*=/i.test(firstLine)) {
    let l = 0;
    while (l + 1 < lines.lineCount && /^#\s*\w+\s*=/.test(text.slice(lines.lineStart(l), lines.lineEnd(l)))) l++;
    fileInsert = lines.lineStart(l);
  }
  return [
    {
      kind: 'local',
      title: `Suppress ${finding.rule} on this line`,
      edits: [{ span: { start: lineStart, end: lineStart }, newText: `${indent}# driftless-disable-next-line ${finding.rule}${eol}` }],
    },
    {
      kind: 'local',
      title: `Suppress ${finding.rule} in this file`,
      edits: [{ span: { start: fileInsert, end: fileInsert }, newText: `# driftless-disable-file ${finding.rule}${eol}` }],
    },
  ];
}
