import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { before, test } from 'node:test';
import { RULES } from '../../rules/catalogue';
import { initEngine, lint } from '../../rules/engine';
import { PEER_RULE_IDS } from '../../rules/pragmas';
import { layerOf, type FileProbe, type Layer } from '../../rules/types';
import { LAYERS_WITHOUT_EXAMPLES, NO_EXAMPLES, RULE_EXAMPLES, RULE_PEERS, type KindExample } from '../../scripts/rule-examples';

before(() => initEngine());

/** What sits beside the examples: a chart's Chart.yaml, a cookbook's metadata.rb. */
const PROBE: FileProbe = {
  exists: (path) => ['Chart.yaml', 'metadata.rb'].includes(basename(path)),
  read: (path) => (basename(path) === 'Chart.yaml' ? 'apiVersion: v2\nname: web\nversion: 1.0.0\nappVersion: "1.27.3"\n' : basename(path) === 'metadata.rb' ? "name 'web'\n" : undefined),
};

function rulesFound(example: KindExample, text: string): { kind: string | undefined; rules: string[] } {
  const result = lint({ path: example.path, text }, { probe: PROBE });
  return { kind: result.kind, rules: result.findings.map((f) => f.rule) };
}

for (const rule of RULES) {
  const examples = RULE_EXAMPLES[rule.id] ?? [];
  test(`${rule.id}: every bad example gives it, every good one does not, each read as its kind`, () => {
    for (const example of examples) {
      const bad = rulesFound(example, example.bad);
      assert.equal(bad.kind, example.kind, `${example.path} (bad) is read as ${example.kind}`);
      assert.ok(bad.rules.includes(rule.id), `${example.kind} bad example gives ${rule.id}; it gave ${bad.rules.join(', ') || 'nothing'}:\n${example.bad}`);
      const good = rulesFound(example, example.good);
      assert.equal(good.kind, example.kind, `${example.path} (good) is read as ${example.kind}`);
      assert.ok(!good.rules.includes(rule.id), `${example.kind} good example does not give ${rule.id}:\n${example.good}`);
    }
  });

  test(`${rule.id}: examples for every file kind family it applies to, or a reason there are none`, () => {
    if (examples.length === 0) {
      assert.ok(NO_EXAMPLES[rule.id], `${rule.id} has neither examples nor a reason`);
      return;
    }
    const covered = new Set([...examples.map((e) => layerOf(e.kind)), ...(Object.keys(LAYERS_WITHOUT_EXAMPLES[rule.id] ?? {}) as Layer[])]);
    assert.deepEqual([...covered].sort(), (Object.keys(rule.severity) as Layer[]).sort(), `layers of ${rule.id}'s examples`);
  });
}

test("every peer ID on a rule page is one the rule honours in the peer's suppression comment", () => {
  for (const [rule, peers] of Object.entries(RULE_PEERS)) {
    for (const { tool, ids } of peers) {
      if (tool === 'tflint') continue; // tflint's ignore comments are its own (`# tflint-ignore:`), not read by Driftless
      for (const id of ids) assert.ok(PEER_RULE_IDS[id]?.includes(rule), `${tool} ${id} maps to ${rule} in rules/pragmas.ts`);
    }
  }
});
