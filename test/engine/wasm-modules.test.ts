import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadGrammar } from '../../rules/tree-sitter/grammar';
import { compileAhead, compiledWasm, TERRAFORM_GRAMMAR } from '../../rules/tree-sitter/wasm-modules';

const MISSING = 'tree-sitter-missing/tree-sitter-missing.wasm';

test('a WASM file compiled ahead that cannot be read harms no one until needed, then names itself', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    const started = compileAhead([MISSING]);
    assert.deepEqual([...started.keys()], [MISSING]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, [], 'no unhandled rejection: a server that opens no such file runs on');
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  await assert.rejects(compiledWasm(MISSING), /tree-sitter-missing/);
  await assert.rejects(loadGrammar(MISSING), /tree-sitter-missing/, 'the lint that needs it fails with the file named');
  const parser = await loadGrammar(TERRAFORM_GRAMMAR);
  assert.equal(parser.parse('a = 1')?.rootNode.type, 'config_file', 'the other grammars still load');
});
