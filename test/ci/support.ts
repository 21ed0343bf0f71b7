import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/requirements';
import { lintText } from '../yaml/support';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

/** A CI fixture by its path under test/fixtures (e.g. `github-actions/.github/workflows/node-ci.yml`), linted. */
export async function lintCiFixture(relative: string) {
  const path = join(FIXTURES, relative);
  return lintText(path, readFileSync(path, 'utf8'));
}
