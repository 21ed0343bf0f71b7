import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { RULES, ruleById } from '../../rules/catalogue';
import { initEngine } from '../../rules/engine';
import { lintPath } from '../../server/workspace/lint-path';
import { REPO_ROOT } from '../support/requirements';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

before(() => initEngine());

test('every fix a rule emits over the fixtures and examples has the kind its declaration says; a rule without one emits none', () => {
  const seen = new Set<string>();
  for (const file of [...filesUnder(join(REPO_ROOT, 'test', 'fixtures')), ...filesUnder(join(REPO_ROOT, 'examples'))]) {
    const result = lintPath(file, readFileSync(file, 'utf8'));
    for (const finding of result.findings) {
      const declared = ruleById(finding.rule)?.fix;
      const where = `${finding.rule} at ${file}:${finding.range.start.line + 1}`;
      if (!declared) {
        assert.deepEqual(finding.fixes, [], `${where} declares no fix`);
        continue;
      }
      const kinds = declared.needs === 'network' ? ['digest', 'commit', 'checksum'] : ['local'];
      for (const fix of finding.fixes) assert.ok(kinds.includes(fix.kind), `${where}: "${fix.title}" is a ${fix.kind} fix`);
      if (finding.fixes.length > 0) seen.add(finding.rule);
    }
  }
  assert.deepEqual(
    RULES.filter((rule) => rule.fix && !seen.has(rule.id)).map((rule) => rule.id),
    [],
    'every rule declaring a fix emits one somewhere in the fixtures',
  );
});
