import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initEngine, lint } from '../../rules/engine';

// Its own process (node --test runs each file apart): nothing else has initialised the engine here.
test('initEngine(kinds) readies those kinds only; linting another kind says which initEngine call it needs', async () => {
  await initEngine(['kubernetes']);
  const manifest = lint({ path: '/repo/pod.yaml', text: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: nginx\n' });
  assert.equal(manifest.kind, 'kubernetes');
  assert.ok(manifest.findings.some((f) => f.rule === 'image-latest-tag'));
  assert.throws(() => lint({ path: '/repo/Dockerfile', text: 'FROM ubuntu\n' }), /initEngine\(\) must be awaited for dockerfile files/);
  assert.throws(() => lint({ path: '/cookbooks/app/recipes/default.rb', text: "package 'curl'\n" }, { kind: 'chef' }), /for chef files/);

  await initEngine(['dockerfile']);
  assert.equal(lint({ path: '/repo/Dockerfile', text: 'FROM ubuntu\n' }).kind, 'dockerfile');
  assert.throws(() => lint({ path: '/cookbooks/app/recipes/default.rb', text: "package 'curl'\n" }, { kind: 'chef' }), /for chef files/);
  await initEngine(['chef']);
  assert.equal(lint({ path: '/cookbooks/app/recipes/default.rb', text: "package 'curl'\n" }, { kind: 'chef' }).kind, 'chef');
});
