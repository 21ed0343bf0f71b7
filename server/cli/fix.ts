import type { LintResult } from '../../rules/engine';
import { LineIndex, applyEdits } from '../../rules/text';
import type { TextEdit } from '../../rules/types';
import { preferredLocalFix, type AppliedFix } from './report';

export const MAX_FIX_ROUNDS = 10;

export interface FixOutcome {
  text: string;
  applied: AppliedFix[];
  /** The lint of the final text. */
  result: LintResult;
}

/**
 * Applies the preferred local fix of every finding: in each round the fixes whose edits do not touch
 * another chosen fix's edits, then lints again, until nothing is left to fix or MAX_FIX_ROUNDS is reached.
 * The rules' own fixes only: suppression fixes are an editor quick fix, never applied here.
 */
export function fixText(text: string, first: LintResult, lintText: (text: string) => LintResult): FixOutcome {
  let current = text;
  let result = first;
  const applied: AppliedFix[] = [];
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const chosen: TextEdit[] = [];
    const lines = new LineIndex(current);
    for (const finding of result.findings) {
      const fix = preferredLocalFix(finding);
      if (!fix || fix.edits.length === 0 || !fitsBeside(fix.edits, chosen)) continue;
      chosen.push(...fix.edits);
      const at = lines.position(finding.span.start);
      applied.push({ rule: finding.rule, title: fix.title, line: at.line + 1, column: at.character + 1 });
    }
    if (chosen.length === 0) break;
    const next = applyEdits(current, chosen);
    if (next === current) break;
    current = next;
    result = lintText(current);
  }
  return { text: current, applied, result };
}

/** Whether `edits` touch neither each other nor `taken`; two edits at one offset are ambiguous, so they clash too. */
function fitsBeside(edits: readonly TextEdit[], taken: readonly TextEdit[]): boolean {
  const all = [...taken];
  for (const edit of edits) {
    if (all.some((other) => clash(edit, other))) return false;
    all.push(edit);
  }
  return true;
}

function clash(a: TextEdit, b: TextEdit): boolean {
  return a.span.start === b.span.start || (a.span.start < b.span.end && b.span.start < a.span.end);
}
