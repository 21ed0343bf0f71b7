import { EditSet } from '../../rules/fixes';
import { lint, type LintResult } from '../../rules/engine';
import { applyEdits } from '../../rules/text';
import type { FileKind, FileProbe, Finding, LocalFix } from '../../rules/types';

/** What the fuzzer holds every lint to; each broken promise is a Problem. */
export interface Problem {
  check: 'exception' | 'could-not-lint' | 'range' | 'crlf' | 'fix-clash' | 'fix-breaks-parse' | 'fix-leaves-finding' | 'fix-adds-finding';
  detail: string;
}

export interface Checked {
  problems: Problem[];
  /** The first lint's time. */
  ms: number;
  findings: number;
}

const SYNTAX_RULES = new Set(['yaml-syntax', 'ruby-syntax', 'hcl-syntax', 'puppet-syntax']);

/** Findings a fix may bring out by design: a package no longer kept at latest has no version yet. */
const FOLLOW_ONS: Readonly<Record<string, readonly string[]>> = { 'package-latest': ['package-unpinned'] };

export interface CheckOptions {
  kind: FileKind;
  probe: FileProbe;
  /** Local fixes applied and re-linted per input, chosen in order; the rest are left. */
  maxFixes: number;
}

/**
 * Lints `text` as `kind` and checks: nothing throws, no finding says the file could not be linted, every span and
 * range lies inside the text and not between a CR and its LF, and each local fix (up to `maxFixes`) applies
 * alone, leaves no new syntax error, removes a finding of its rule and adds no finding of another.
 */
export function checkInput(path: string, text: string, options: CheckOptions): Checked {
  const problems: Problem[] = [];
  const started = performance.now();
  const first = lintSafely(path, text, options, problems);
  const ms = performance.now() - started;
  if (!first) return { problems, ms, findings: 0 };
  checkFindings(text, first.findings, problems);
  let fixes = 0;
  for (const finding of first.findings) {
    for (const fix of finding.fixes) {
      if (fix.kind !== 'local' || fixes >= options.maxFixes) continue;
      fixes++;
      checkFix(path, text, first, finding, fix, options, problems);
    }
  }
  return { problems, ms, findings: first.findings.length };
}

function lintSafely(path: string, text: string, options: CheckOptions, problems: Problem[]): LintResult | undefined {
  try {
    return lint({ path, text }, { kind: options.kind, probe: options.probe });
  } catch (error) {
    problems.push({ check: 'exception', detail: error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 6).join('\n') : String(error) });
    return undefined;
  }
}

function checkFindings(text: string, findings: readonly Finding[], problems: Problem[]): void {
  for (const f of findings) {
    const where = `${f.rule} [${f.span.start}, ${f.span.end})`;
    if (/could not lint/i.test(f.message)) problems.push({ check: 'could-not-lint', detail: `${where}: ${f.message}` });
    if (!(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length)) problems.push({ check: 'range', detail: `${where} outside a text of ${text.length}` });
    if (f.range.start.line > f.range.end.line || (f.range.start.line === f.range.end.line && f.range.start.character > f.range.end.character)) {
      problems.push({ check: 'range', detail: `${where}: range ends before it starts` });
    }
    for (const at of [f.span.start, f.span.end]) {
      if (text[at - 1] === '\r' && text[at] === '\n') problems.push({ check: 'crlf', detail: `${where}: offset ${at} splits a CRLF` });
    }
    for (const fix of f.fixes) {
      if (fix.kind !== 'local') continue;
      for (const e of fix.edits) {
        if (!(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length)) problems.push({ check: 'range', detail: `${where}: "${fix.title}" edits [${e.span.start}, ${e.span.end})` });
        for (const at of [e.span.start, e.span.end]) {
          if (text[at - 1] === '\r' && text[at] === '\n') problems.push({ check: 'crlf', detail: `${where}: "${fix.title}" edits at ${at}, inside a CRLF` });
        }
      }
    }
  }
}

function countBy(findings: readonly Finding[], key: (f: Finding) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) out.set(key(f), (out.get(key(f)) ?? 0) + 1);
  return out;
}

function checkFix(path: string, text: string, before: LintResult, finding: Finding, fix: LocalFix, options: CheckOptions, problems: Problem[]): void {
  const what = `${finding.rule} "${fix.title.slice(0, 80)}"`;
  const edits = new EditSet();
  const clash = edits.addUnlessClash(fix.edits);
  if (clash) {
    problems.push({ check: 'fix-clash', detail: `${what}: its edits clash at ${clash.span.start}` });
    return;
  }
  const fixed = applyEdits(text, edits.edits);
  const after = lintSafely(path, fixed, options, problems);
  if (!after) return;
  const syntax = (r: LintResult) => r.findings.filter((f) => SYNTAX_RULES.has(f.rule)).length;
  if (syntax(after) > syntax(before)) problems.push({ check: 'fix-breaks-parse', detail: `${what}: ${syntax(before)} syntax findings before, ${syntax(after)} after` });
  const rulesBefore = countBy(before.findings, (f) => f.rule);
  const rulesAfter = countBy(after.findings, (f) => f.rule);
  if ((rulesAfter.get(finding.rule) ?? 0) >= (rulesBefore.get(finding.rule) ?? 0)) problems.push({ check: 'fix-leaves-finding', detail: `${what}: still ${rulesAfter.get(finding.rule)} findings of the rule` });
  for (const [rule, count] of rulesAfter) {
    if (rule !== finding.rule && !SYNTAX_RULES.has(rule) && !FOLLOW_ONS[finding.rule]?.includes(rule) && count > (rulesBefore.get(rule) ?? 0)) problems.push({ check: 'fix-adds-finding', detail: `${what}: ${rule} ${rulesBefore.get(rule) ?? 0} → ${count}` });
  }
}
