import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { DocumentParseCache, withDocumentParseCache } from '../../rules/document-cache';
import { lint } from '../../rules/engine';
import { extractTerraformFacts } from '../../rules/front-ends/terraform';
import { FIXTURES, ready } from './support';

// The parser's first runs in a process are slow (WASM compiled lazily) and parses have wall-clock budgets.
before(async () => {
  await ready();
  for (let i = 0; i < 3; i++) extractTerraformFacts(`${FILE}\n# ${i}`);
});

// Blocks with heredocs (cloud-config, JSON task definitions), jsonencode, provisioners and nested blocks.
const FILE = ['vpc-asg', 'ecs', 'eks'].map((name) => readFileSync(join(FIXTURES, name, 'main.tf'), 'utf8')).join('\n');
const PATH = '/w/main.tf';

/** A small deterministic generator (mulberry32), so a failing step can be replayed. */
function random(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

const TYPED = ['a', 'Z', '"', '{', '}', '[', '$', '=', ' ', '\n', '#', '<<EOT\n', '${', '%{'];

/** Offsets where the text of a heredoc lies (the line after each `<<`). */
function heredocOffsets(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf('<<'); at >= 0; at = text.indexOf('<<', at + 2)) out.push(text.indexOf('\n', at) + 3);
  return out.filter((at) => at > 2);
}

/** The texts someone editing FILE goes through: typing and deleting anywhere, in heredocs, across blocks, braces taken out and typed back. */
function edits(seed: number, steps: number): string[] {
  const next = random(seed);
  const texts: string[] = [];
  let text = FILE;
  const push = (changed: string): void => {
    text = changed;
    texts.push(text);
  };
  while (texts.length < steps) {
    const kind = next(7);
    if (kind === 0) {
      const at = next(text.length + 1);
      push(text.slice(0, at) + TYPED[next(TYPED.length)] + text.slice(at));
    } else if (kind === 1) {
      const at = next(text.length);
      push(text.slice(0, at) + text.slice(at + 1 + next(4)));
    } else if (kind === 2) {
      const inside = heredocOffsets(text);
      const at = inside.length > 0 ? inside[next(inside.length)] : next(text.length);
      for (const typed of ['  - htop', '\n', 'x']) push(text.slice(0, at) + typed + text.slice(at));
    } else if (kind === 3) {
      // A closing brace deleted, then typed back where it was.
      const braces = [...text.matchAll(/}/g)].map((m) => m.index);
      if (braces.length === 0) continue;
      const at = braces[next(braces.length)];
      const before = text;
      push(text.slice(0, at) + text.slice(at + 1));
      push(before);
    } else if (kind === 4) {
      // A stretch from inside one top-level block to inside the next cut, then pasted back.
      const boundaries = [...text.matchAll(/}\n\n?[a-z]/g)].map((m) => m.index);
      if (boundaries.length === 0) continue;
      const at = boundaries[next(boundaries.length)];
      const before = text;
      push(text.slice(0, Math.max(0, at - 1 - next(20))) + text.slice(at + 3 + next(20)));
      push(before);
    } else if (kind === 5) {
      // A whole new block typed at the top.
      push(`resource "aws_ecr_repository" "r${texts.length}" {\n  name = "x"\n}\n${text}`);
    } else push(FILE);
  }
  return texts;
}

describe('a Terraform document copied incrementally (top-level blocks taken from the last lint)', () => {
  test('gives at every step the facts and findings of a copy of the whole tree', () => {
    const incremental = new DocumentParseCache();
    const whole = new DocumentParseCache();
    let reused = 0;
    for (const [step, text] of [FILE, ...edits(16, 400)].entries()) {
      whole.trees.forgetCopiedNodes();
      const facts = withDocumentParseCache(incremental, () => extractTerraformFacts(text));
      const expected = withDocumentParseCache(whole, () => extractTerraformFacts(text));
      assert.deepEqual(facts, expected, `facts at step ${step}:\n${text}`);
      const findings = lint({ path: PATH, text }, { parseCache: incremental }).findings;
      whole.trees.forgetCopiedNodes();
      assert.deepEqual(findings, lint({ path: PATH, text }, { parseCache: whole }).findings, `findings at step ${step}:\n${text}`);
      if (facts.parseErrors.length === 0) {
        assert.deepEqual(facts, extractTerraformFacts(text), `facts at step ${step} match a lint without a document cache`);
        reused++;
      }
    }
    assert.ok(reused > 100, `enough steps parse without an error to compare with a lint without a cache (${reused})`);
  });
});
