import { ruleById } from './catalogue';
import type { LintResult } from './engine';
import { LineIndex, applyEdits } from './text';
import type { Finding, LocalFix, TextEdit } from './types';

/**
 * Which fixes bulk fixing (`driftless --fix`, the editor's fix-all and fix on save) applies, Ruff's model: the safe
 * ones, and the unsafe ones too only when the user opted in (`--unsafe-fixes`, the `driftless.unsafeFixes` setting).
 */
export interface FixScope {
  unsafe: boolean;
}

export const SAFE_FIXES_ONLY: FixScope = { unsafe: false };

/** Whether a finding's fix is safe: its rule declares it so. A rule that declares nothing is taken as unsafe. */
export function fixIsSafe(finding: Pick<Finding, 'rule'>): boolean {
  return ruleById(finding.rule)?.fix?.safe === true;
}

/** The title the editor gives a fix: an unsafe one names the consequence the user accepts by applying it. */
export function fixTitle(finding: Pick<Finding, 'rule'>, fix: LocalFix): string {
  if (fixIsSafe(finding)) return fix.title;
  return `${fix.title}; ${ruleById(finding.rule)?.fix?.consequence ?? 'review what it changes first'}`;
}

/** The fix bulk fixing applies for a finding in `scope`: its preferred fix, if the scope takes it. */
export function bulkFix(finding: Finding, scope: FixScope): LocalFix | undefined {
  const fix = preferredFix(finding);
  return fix && (scope.unsafe || fixIsSafe(finding)) ? fix : undefined;
}

/** Rounds of fix, re-lint the fix loop runs at most: a fix that keeps offering another change stops here. */
export const MAX_FIX_ROUNDS = 10;

/** The fix applied for a finding when fixing in bulk: its local fix marked preferred, else its first local one. */
export function preferredFix(finding: Finding): LocalFix | undefined {
  const local = finding.fixes.filter((f): f is LocalFix => f.kind === 'local');
  return local.find((f) => f.preferred) ?? local[0];
}

/** Whether two edits are the same change: identical edits offered by two findings are applied once. */
function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.span.start === b.span.start && a.span.end === b.span.end && a.newText === b.newText;
}

/**
 * Whether two edits cannot go into one `applyEdits`: they share a replaced character, an insertion sits strictly
 * inside a replacement, or they start at the same offset (which goes first is then a matter of array order, so
 * two insertions there, or an insertion at a replacement's start, are ambiguous). Touching ends do not clash:
 * `[3,5)` and `[5,7)`, or a replacement `[3,5)` and an insertion at 5, apply in one order only. Identical edits
 * never clash: they are one change.
 */
export function editsClash(a: TextEdit, b: TextEdit): boolean {
  if (sameEdit(a, b)) return false;
  return a.span.start === b.span.start || (a.span.start < b.span.end && b.span.start < a.span.end);
}

/** A node of EditSet's treap: ordered by edit start, heap-ordered by priority. */
interface EditNode {
  edit: TextEdit;
  priority: number;
  left: EditNode | undefined;
  right: EditNode | undefined;
}

/**
 * Edits that go together: no two clash and none repeats, so `applyEdits` takes them all. Held edits are disjoint
 * and start at distinct offsets, so their ends ascend with their starts: an edit can clash only with the held edit
 * starting last before it and the one starting first at or after it. They are kept in a treap (a binary search
 * tree balanced by random priorities), so adding n edits in any order takes O(n log n).
 */
export class EditSet {
  private root: EditNode | undefined;
  private seed = 0x9e3779b9;

  /**
   * Adds `edits` unless one clashes with an edit held or with another of `edits`: then adds none and returns
   * that edit. An edit already held is not held twice.
   */
  addUnlessClash(edits: readonly TextEdit[]): TextEdit | undefined {
    const own = [...edits].sort(byPosition);
    for (let i = 0; i < own.length; i++) {
      if ((i > 0 && editsClash(own[i - 1], own[i])) || this.clashesWithHeld(own[i])) return own[i];
    }
    for (const edit of own) {
      const { from } = this.neighbours(edit.span.start);
      if (!from || !sameEdit(from, edit)) this.root = this.insert(this.root, { edit, priority: this.nextPriority(), left: undefined, right: undefined });
    }
    return undefined;
  }

  /** The held edits in text order. */
  get edits(): TextEdit[] {
    const out: TextEdit[] = [];
    const path: EditNode[] = [];
    let node = this.root;
    while (node || path.length > 0) {
      for (; node; node = node.left) path.push(node);
      const next = path.pop() as EditNode;
      out.push(next.edit);
      node = next.right;
    }
    return out;
  }

  private clashesWithHeld(edit: TextEdit): boolean {
    const { before, from } = this.neighbours(edit.span.start);
    return (before !== undefined && editsClash(edit, before)) || (from !== undefined && editsClash(edit, from));
  }

  /** The held edit starting last before `offset`, and the one starting first at or after it. */
  private neighbours(offset: number): { before?: TextEdit; from?: TextEdit } {
    let before: TextEdit | undefined;
    let from: TextEdit | undefined;
    let node = this.root;
    while (node) {
      if (node.edit.span.start < offset) {
        before = node.edit;
        node = node.right;
      } else {
        from = node.edit;
        node = node.left;
      }
    }
    return { before, from };
  }

  /** Inserts `fresh` below `node` by start, then rotates it up while its priority beats its parent's. */
  private insert(node: EditNode | undefined, fresh: EditNode): EditNode {
    if (!node) return fresh;
    const side = fresh.edit.span.start < node.edit.span.start ? 'left' : 'right';
    const other = side === 'left' ? 'right' : 'left';
    const child = this.insert(node[side], fresh);
    if (child.priority <= node.priority) {
      node[side] = child;
      return node;
    }
    node[side] = child[other];
    child[other] = node;
    return child;
  }

  /** xorshift32: the same tree for the same edits, run after run. */
  private nextPriority(): number {
    this.seed ^= this.seed << 13;
    this.seed ^= this.seed >>> 17;
    this.seed ^= this.seed << 5;
    return this.seed >>> 0;
  }
}

function byPosition(a: TextEdit, b: TextEdit): number {
  return a.span.start - b.span.start || a.span.end - b.span.end;
}

export interface ChosenFix {
  finding: Finding;
  fix: LocalFix;
}

export interface FixChoice {
  chosen: ChosenFix[];
  /** The chosen fixes' edits, sorted, each once: one `applyEdits` applies them all. */
  edits: TextEdit[];
}

/**
 * Picks, in the findings' order, the bulk fix (in `scope`) of every finding whose edits clash with no earlier pick.
 * A fix left out is for the next round, after linting again.
 */
export function chooseFixes(findings: readonly Finding[], scope: FixScope): FixChoice {
  const taken = new EditSet();
  const chosen: ChosenFix[] = [];
  for (const finding of findings) {
    const fix = bulkFix(finding, scope);
    if (fix && fix.edits.length > 0 && !taken.addUnlessClash(fix.edits)) chosen.push({ finding, fix });
  }
  return { chosen, edits: taken.edits };
}

/** One fix the loop applied, located where its finding was before the edit (1-based). */
export interface AppliedFix {
  rule: string;
  title: string;
  line: number;
  column: number;
}

export interface FixOutcome {
  text: string;
  applied: AppliedFix[];
  /** The lint of the final text. */
  result: LintResult;
  /** The edits of each round, each against the text the round started from. */
  rounds: TextEdit[][];
}

/**
 * Fixes a text as far as the rules' preferred local fixes in `scope` go: each round applies `chooseFixes` and lints
 * again, until no fix is left or MAX_FIX_ROUNDS is reached. Suppression fixes are never applied: they are a quick fix.
 */
export function fixText(text: string, first: LintResult, relint: (text: string) => LintResult, scope: FixScope): FixOutcome {
  let current = text;
  let result = first;
  const applied: AppliedFix[] = [];
  const rounds: TextEdit[][] = [];
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const { chosen, edits } = chooseFixes(result.findings, scope);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    const lines = new LineIndex(current);
    for (const { finding, fix } of chosen) {
      const at = lines.position(finding.span.start);
      applied.push({ rule: finding.rule, title: fix.title, line: at.line + 1, column: at.character + 1 });
    }
    rounds.push(edits);
    current = next;
    result = relint(current);
  }
  return { text: current, applied, result, rounds };
}
