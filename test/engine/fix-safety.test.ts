import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { RULES } from '../../rules/catalogue';
import { initEngine } from '../../rules/engine';
import { SAFE_FIXES_ONLY, bulkFix, chooseFixes, fixIsSafe, fixText, fixTitle } from '../../rules/fixes';
import { LineIndex } from '../../rules/text';
import type { Finding, LocalFix } from '../../rules/types';
import { lintPath } from '../../server/workspace/lint-path';
import { REPO_ROOT } from '../support/requirements';

before(() => initEngine());

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const local = (title: string, at: number, newText: string): LocalFix => ({ kind: 'local', title, preferred: true, edits: [{ span: { start: at, end: at + 1 }, newText }] });

function finding(rule: string, at: number, fix: LocalFix): Finding {
  const span = { start: at, end: at + 1 };
  return { rule, severity: 'warning', message: rule, span, range: new LineIndex('abcdef').range(span), fixes: [fix] };
}

test('every unsafe fix names the consequence its quick fix title shows; every safe one says why it is safe', () => {
  for (const rule of RULES) {
    if (!rule.fix) continue;
    assert.ok(rule.fix.why.length > 20, `${rule.id}: why`);
    if (!rule.fix.safe) assert.ok(rule.fix.consequence && /^[a-z]/.test(rule.fix.consequence), `${rule.id}: an unsafe fix declares its consequence as a clause`);
  }
});

test('the fixes that change what runs (issue 19: read-only root filesystem, immutable objects) are unsafe', () => {
  const byId = new Map(RULES.map((r) => [r.id, r]));
  for (const id of ['writable-root-filesystem', 'mutable-configmap', 'in-place-upgrade', 'package-latest', 'integrity-bypass', 'registry-tags-mutable', 'runner-floating']) {
    assert.equal(byId.get(id)?.fix?.safe, false, id);
  }
});

test('bulk fixing in the safe scope takes a safe rule\'s fix and never an unsafe one; the unsafe scope takes both', () => {
  const safeRule = RULES.find((r) => r.fix?.safe === true);
  const unsafeRule = RULES.find((r) => r.fix?.safe === false);
  assert.ok(safeRule && unsafeRule);
  const findings = [finding(unsafeRule.id, 1, local('unsafe', 1, 'U')), finding(safeRule.id, 3, local('safe', 3, 'S')), finding('no-such-rule', 5, local('unknown', 5, 'X'))];
  assert.deepEqual(chooseFixes(findings, SAFE_FIXES_ONLY).chosen.map((c) => c.fix.title), ['safe']);
  assert.deepEqual(chooseFixes(findings, { unsafe: true }).chosen.map((c) => c.fix.title), ['unsafe', 'safe', 'unknown']);
  assert.equal(bulkFix(findings[0], SAFE_FIXES_ONLY), undefined);
  assert.equal(fixIsSafe({ rule: 'no-such-rule' }), false, 'a rule that declares nothing is not trusted');
  assert.equal(fixTitle(findings[1], findings[1].fixes[0] as LocalFix), 'safe');
  assert.equal(fixTitle(findings[0], findings[0].fixes[0] as LocalFix), `unsafe; ${unsafeRule.fix?.consequence}`);
});

test('over every fixture and example, the safe scope applies only safe rules\' fixes and never flips a value written as false', () => {
  let unsafeSeen = 0;
  for (const file of [...filesUnder(join(REPO_ROOT, 'test', 'fixtures')), ...filesUnder(join(REPO_ROOT, 'examples'))]) {
    const text = readFileSync(file, 'utf8');
    const lint = (t: string) => lintPath(file, t);
    const first = lint(text);
    unsafeSeen += first.findings.filter((f) => f.fixes.some((x) => x.kind === 'local') && !fixIsSafe(f)).length;
    const outcome = fixText(text, first, lint, SAFE_FIXES_ONLY);
    for (const applied of outcome.applied) assert.ok(fixIsSafe(applied), `${file}: ${applied.rule} applied`);
    // The first round's edits are against the text as written: what they replace is what the user wrote.
    for (const edit of outcome.rounds[0] ?? []) {
      const replaced = text.slice(edit.span.start, edit.span.end).trim();
      assert.doesNotMatch(replaced, /^(false|no|off)$/i, `${file}: an explicit ${replaced} rewritten`);
    }
  }
  assert.ok(unsafeSeen > 0, 'the fixtures hold findings with unsafe fixes, which the safe scope left alone');
});
