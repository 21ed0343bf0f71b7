import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseFixes, EditSet, editsClash, preferredFix, type FixScope } from '../../rules/fixes';
import { applyEdits } from '../../rules/text';
import type { Finding, Fix, LocalFix, TextEdit } from '../../rules/types';

/** The choice's own logic, for a stand-in rule the catalogue does not know (whose fixes are therefore unsafe). */
const EVERY_FIX: FixScope = { unsafe: true };

const edit = (start: number, end: number, newText = 'x'): TextEdit => ({ span: { start, end }, newText });
const insert = (at: number, newText = 'x'): TextEdit => edit(at, at, newText);

function finding(start: number, ...fixes: Fix[]): Finding {
  const span = { start, end: start + 1 };
  const position = { line: 0, character: start };
  return { rule: `r${start}`, severity: 'warning', message: '', span, range: { start: position, end: position }, fixes };
}

const local = (title: string, ...edits: TextEdit[]): LocalFix => ({ kind: 'local', title, edits });

test('two edits clash when they share a replaced character, an insertion sits inside a replacement, or they start together', () => {
  assert.equal(editsClash(edit(0, 5), edit(3, 8)), true, 'overlap');
  assert.equal(editsClash(edit(0, 5), edit(1, 2)), true, 'containment');
  assert.equal(editsClash(edit(0, 5), insert(2)), true, 'insertion inside a replacement');
  assert.equal(editsClash(insert(4, 'a'), insert(4, 'b')), true, 'two insertions at one offset');
  assert.equal(editsClash(insert(3), edit(3, 5)), true, 'an insertion at a replacement start');
  assert.equal(editsClash(edit(3, 5, 'a'), edit(3, 5, 'b')), true, 'one span, two texts');
});

test('touching ends do not clash, nor do identical edits', () => {
  assert.equal(editsClash(edit(0, 5), edit(5, 8)), false, 'adjacent replacements');
  assert.equal(editsClash(edit(3, 5), insert(5)), false, 'an insertion at a replacement end');
  assert.equal(editsClash(insert(4, 'a'), insert(5, 'b')), false, 'insertions one apart');
  assert.equal(editsClash(insert(4, 'a'), insert(4, 'a')), false, 'identical insertions');
  assert.equal(editsClash(edit(0, 5, 'y'), edit(0, 5, 'y')), false, 'identical replacements');
});

test('preferredFix takes the local fix marked preferred, else the first local one, never a digest fix', () => {
  const digest: Fix = { kind: 'digest', title: 'pin', image: 'a', edits: [insert(0)] };
  const first = local('first', insert(0));
  const marked: LocalFix = { ...local('marked', insert(1)), preferred: true };
  assert.equal(preferredFix(finding(0, digest, first, marked)), marked);
  assert.equal(preferredFix(finding(0, digest, first)), first);
  assert.equal(preferredFix(finding(0, digest)), undefined);
});

test('chooseFixes keeps the earlier finding of two that clash and leaves the later for the next round', () => {
  const same = chooseFixes([finding(0, local('a', insert(4, 'a'))), finding(1, local('b', insert(4, 'b')))], EVERY_FIX);
  assert.deepEqual(same.chosen.map((c) => c.fix.title), ['a']);
  const overlap = chooseFixes([finding(0, local('a', edit(2, 6))), finding(1, local('b', edit(5, 9)))], EVERY_FIX);
  assert.deepEqual(overlap.chosen.map((c) => c.fix.title), ['a']);
  assert.deepEqual(overlap.edits, [edit(2, 6)]);
});

test('chooseFixes takes adjacent fixes together, and identical edits of two findings once', () => {
  const adjacent = chooseFixes([finding(0, local('a', edit(0, 2, 'A'))), finding(1, local('b', edit(2, 4, 'B'))), finding(2, local('c', insert(4, 'C')))], EVERY_FIX);
  assert.deepEqual(adjacent.chosen.map((c) => c.fix.title), ['a', 'b', 'c']);
  assert.equal(applyEdits('aabb', adjacent.edits), 'ABC');
  const twice = chooseFixes([finding(0, local('a', insert(1, '!'))), finding(3, local('b', insert(1, '!'), edit(2, 3, '?')))], EVERY_FIX);
  assert.deepEqual(twice.chosen.map((c) => c.fix.title), ['a', 'b']);
  assert.equal(applyEdits('abc', twice.edits), 'a!b?');
});

test('chooseFixes skips a fix whose own edits clash, and findings with no local fix or no edits', () => {
  const chosen = chooseFixes([finding(0, local('self-clash', insert(2, 'a'), insert(2, 'b'))), finding(1), finding(2, local('empty')), finding(3, local('ok', insert(2, 'c')))], EVERY_FIX);
  assert.deepEqual(chosen.chosen.map((c) => c.fix.title), ['ok']);
});

test('EditSet accepts exactly what a check against every held edit accepts', () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let run = 0; run < 200; run++) {
    const set = new EditSet();
    const held: TextEdit[] = [];
    for (let i = 0; i < 30; i++) {
      const start = random(40);
      const edits = [edit(start, start + random(3), String(random(2)))];
      if (random(3) === 0) edits.push(insert(random(40), String(random(2))));
      const fits = edits.every((e, j) => !held.some((h) => editsClash(e, h)) && !edits.some((o, k) => k !== j && editsClash(e, o)));
      assert.equal(set.addUnlessClash(edits) === undefined, fits, `run ${run}, step ${i}`);
      if (fits) for (const e of edits) if (!held.some((h) => h.span.start === e.span.start && h.span.end === e.span.end && h.newText === e.newText)) held.push(e);
    }
    assert.deepEqual([...set.edits], [...held].sort((a, b) => a.span.start - b.span.start));
  }
});

test('chooseFixes takes 40,000 findings in reverse text order, every one of them (its time is in bench/hostile.bench.ts)', () => {
  const findings = Array.from({ length: 40_000 }, (_, i) => finding(i * 10, local(`f${i}`, edit(i * 10, i * 10 + 3, 'x'), insert(i * 10 + 5, 'y'))));
  const { chosen } = chooseFixes(findings.reverse(), EVERY_FIX);
  assert.equal(chosen.length, 40_000);
});
