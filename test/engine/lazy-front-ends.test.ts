import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { test } from 'node:test';
import { initEngine, lint } from '../../rules/engine';
import { kindsNamed } from '../../rules/file-kinds';
import { FRONT_ENDS } from '../../rules/front-ends';

// Its own process (node --test runs each file apart): nothing else has loaded a front end here.
const FRONT_ENDS_DIR = join(__dirname, '..', '..', 'rules', 'front-ends') + sep;

/** The front-end modules evaluated so far (`dockerfile`, `chef/prism`, …), and the parser libraries. */
function loaded(): { frontEnds: string[]; libraries: string[] } {
  const paths = Object.keys(require.cache);
  const frontEnds = paths.filter((p) => p.startsWith(FRONT_ENDS_DIR) && !p.endsWith(`${sep}index.ts`) && !p.endsWith(`${sep}files.ts`));
  const libraries = ['dockerfile-ast', '@ruby/prism', '@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-puppet'].filter((name) => paths.some((p) => p.includes(`${sep}node_modules${sep}${name}${sep}`)));
  return { frontEnds: frontEnds.map((p) => p.slice(FRONT_ENDS_DIR.length, -'.ts'.length).split(sep).join('/')).sort(), libraries };
}

test('the engine loads a front end only for a run with files of its kinds; names are known before any is loaded', async () => {
  assert.deepEqual(kindsNamed('/repo/Dockerfile'), ['dockerfile']);
  assert.deepEqual(kindsNamed('/repo/deploy/pod.yaml'), ['github-actions', 'ansible', 'compose', 'kubernetes']);
  await initEngine([]);
  assert.deepEqual(loaded(), { frontEnds: [], libraries: [] }, 'deciding which files are Driftless\'s and a run without files load no front end');

  await initEngine(['dockerfile']);
  const afterDockerfile = loaded();
  assert.ok(afterDockerfile.frontEnds.includes('dockerfile'));
  assert.deepEqual(afterDockerfile.frontEnds.filter((m) => !m.startsWith('dockerfile')), [], 'only the Dockerfile front end and its own modules');
  assert.deepEqual(afterDockerfile.libraries, ['dockerfile-ast']);
  assert.equal(lint({ path: '/repo/Dockerfile', text: 'FROM ubuntu\n' }).kind, 'dockerfile');
  assert.throws(() => lint({ path: '/repo/pod.yaml', text: 'kind: Pod\n' }), /initEngine\(\) must be awaited for github-actions files/);

  await initEngine(['kubernetes']);
  assert.deepEqual(
    loaded().frontEnds.filter((m) => FRONT_ENDS.some((f) => f.name === m)),
    ['ansible', 'compose', 'dockerfile', 'github-actions', 'gitlab-ci', 'helm-values', 'kubernetes', 'kustomize'],
    'a YAML kind brings the other YAML front ends, which classify its files first',
  );
  assert.deepEqual(loaded().libraries, ['dockerfile-ast'], 'no Ruby, HCL or Puppet parser');
});
