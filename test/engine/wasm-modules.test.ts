import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadGrammar } from '../../rules/tree-sitter/grammar';
import { adoptCompiledWasm, BASH_GRAMMAR, compileAhead, compiledWasm } from '../../rules/tree-sitter/wasm-modules';

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
  const parser = await loadGrammar(BASH_GRAMMAR);
  assert.equal(parser.parse('echo hi')?.rootNode.type, 'program', 'the other grammars still load');
});

test('a module another bundle compiled is used as it is, not read or compiled again', async () => {
  const bash = await compiledWasm(BASH_GRAMMAR);
  const fromAnotherBundle = 'another-bundle/tree-sitter-bash.wasm';
  adoptCompiledWasm(new Map([[fromAnotherBundle, Promise.resolve(bash)]]));
  assert.equal(await compiledWasm(fromAnotherBundle), bash);
  const parser = await loadGrammar(fromAnotherBundle);
  assert.equal(parser.parse('apt-get install -y curl')?.rootNode.firstChild?.type, 'command', 'a file of that name exists nowhere: the adopted module parsed this');
});
