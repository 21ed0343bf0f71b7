import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LintResult } from '../../rules/engine';
import { LineIndex } from '../../rules/text';
import type { Finding, Fix } from '../../rules/types';
import { MAX_FIX_ROUNDS, fixText, type FixScope } from '../../rules/fixes';

/** The loop's own logic, for a stand-in rule the catalogue does not know (whose fixes are therefore unsafe). */
const EVERY_FIX: FixScope = { unsafe: true };

/** A stand-in linter for the fix loop's own logic: a finding for every match of `pattern`, with the fixes `fixesFor` gives. */
function linter(pattern: RegExp, fixesFor: (start: number, end: number, match: string) => Fix[]): (text: string) => LintResult {
  return (text) => {
    const lines = new LineIndex(text);
    const findings: Finding[] = [];
    for (const m of text.matchAll(pattern)) {
      const span = { start: m.index, end: m.index + m[0].length };
      findings.push({ rule: 'test-rule', severity: 'warning', message: m[0], span, range: lines.range(span), fixes: fixesFor(span.start, span.end, m[0]) });
    }
    return { kind: 'dockerfile', findings, facts: undefined };
  };
}

const replaceWith = (newText: string, title = `use ${newText}`) => (start: number, end: number): Fix[] => [
  { kind: 'local', title, edits: [{ span: { start, end }, newText }] },
];

test('applies every non-overlapping fix and reports each where it was', () => {
  const lint = linter(/latest/g, replaceWith('1.2'));
  const text = 'FROM a:latest\nFROM b:latest\n';
  const outcome = fixText(text, lint(text), lint, EVERY_FIX);
  assert.equal(outcome.text, 'FROM a:1.2\nFROM b:1.2\n');
  assert.deepEqual(outcome.applied, [
    { rule: 'test-rule', title: 'use 1.2', line: 1, column: 8 },
    { rule: 'test-rule', title: 'use 1.2', line: 2, column: 8 },
  ]);
  assert.deepEqual(outcome.result.findings, []);
});

test('defers a fix that overlaps another to the next round, after linting again', () => {
  const lint = linter(/ab|bc/g, (start, end) => replaceWith('x')(start, end));
  const text = 'abc';
  let rounds = 0;
  const counted = (t: string): LintResult => {
    rounds++;
    return lint(t);
  };
  const outcome = fixText(text, lint(text), counted, EVERY_FIX);
  assert.equal(outcome.text, 'xc');
  assert.equal(rounds, 1);
  const chained = linter(/aa/g, replaceWith('a'));
  const deep = fixText('aaaa', chained('aaaa'), chained, EVERY_FIX);
  assert.equal(deep.text, 'a');
  assert.equal(deep.applied.length, 3);
});

test('two insertions at one offset clash: one per round', () => {
  const lint = linter(/\|/g, (start) => [{ kind: 'local', title: 'insert', edits: [{ span: { start: 0, end: 0 }, newText: `${start}` }] }]);
  const text = 'a|b|';
  const outcome = fixText(text, lint(text), lint, EVERY_FIX);
  assert.equal(outcome.applied.length, MAX_FIX_ROUNDS);
  assert.ok(outcome.text.endsWith('a|b|'));
});

test('stops after MAX_FIX_ROUNDS when a fix never converges', () => {
  const lint = linter(/v\d+/g, (start, end, match) => replaceWith(`v${Number(match.slice(1)) + 1}`)(start, end));
  const outcome = fixText('v0', lint('v0'), lint, EVERY_FIX);
  assert.equal(outcome.applied.length, MAX_FIX_ROUNDS);
  assert.equal(outcome.text, `v${MAX_FIX_ROUNDS}`);
});

test('takes the preferred local fix, ignores digest fixes, leaves findings without a local fix alone', () => {
  const lint = linter(/tag|keep/g, (start, end) =>
    start === 0
      ? [
          { kind: 'digest', title: 'pin', image: 'x', edits: [{ span: { start, end }, newText: 'DIGEST' }] },
          { kind: 'local', title: 'first', edits: [{ span: { start, end }, newText: 'first' }] },
          { kind: 'local', title: 'preferred', preferred: true, edits: [{ span: { start, end }, newText: 'chosen' }] },
        ]
      : [{ kind: 'digest', title: 'pin', image: 'x', edits: [{ span: { start, end }, newText: 'DIGEST' }] }],
  );
  const text = 'tag keep';
  const outcome = fixText(text, lint(text), lint, EVERY_FIX);
  assert.equal(outcome.text, 'chosen keep');
  assert.deepEqual(outcome.result.findings.map((f) => f.message), ['keep']);
});
