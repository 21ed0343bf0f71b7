import type { Facts, FrontEnd } from '../types';
import { baseYamlFacts, viewsOf } from '../yaml/documents';
import { parseYaml } from '../yaml/parse';
import { addGitLabIncludes } from './ci/gitlab-includes';
import { addGitLabPipeline } from './ci/gitlab-pipeline';

/** GitLab CI's `.gitlab-ci.yml` and the files it includes locally: images, services and the shell of every job's scripts. */
export const gitlabCiFrontEnd: FrontEnd = {
  classify: () => 'gitlab-ci',
  extract(file, _kind, probe): Facts {
    const parsed = parseYaml(file.text);
    const facts = baseYamlFacts('gitlab-ci', parsed);
    const readPaths = new Set<string>();
    for (const view of viewsOf(parsed)) {
      const root = view.map(view.doc.contents);
      if (!root) continue;
      addGitLabPipeline(view, root, facts);
      addGitLabIncludes(view, root, facts, { path: file.path, probe }, readPaths);
    }
    return facts;
  },
};
