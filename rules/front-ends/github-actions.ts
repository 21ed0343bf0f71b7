import type { Facts, FileKind, FrontEnd, SourceFile } from '../types';
import { baseYamlFacts, viewsOf } from '../yaml/documents';
import { parseYaml } from '../yaml/parse';
import { actionRuns, addActionMetadata } from './ci/action-metadata';
import { isActionMetadataName, isUnderGitHubFolder, isWorkflowPath } from './ci/locations';
import { addWorkflow } from './ci/workflow';

/**
 * GitHub Actions workflows (`.github/workflows/*.yml`) and action metadata (`action.yml` under `.github/`, or
 * anywhere when its `runs:` says how the action runs): told by place and shape, never by keys alone.
 */
export const githubActionsFrontEnd: FrontEnd = {

  classify(file: SourceFile): FileKind | undefined {
    if (isWorkflowPath(file.path)) return 'github-actions';
    if (!isActionMetadataName(file.path)) return undefined;
    if (isUnderGitHubFolder(file.path)) return 'github-actions';
    return viewsOf(parseYaml(file.text)).some((view) => actionRuns(view, view.map(view.doc.contents))) ? 'github-actions' : undefined;
  },

  extract(file: SourceFile): Facts {
    const parsed = parseYaml(file.text);
    const facts = baseYamlFacts('github-actions', parsed);
    const workflow = isWorkflowPath(file.path);
    for (const view of viewsOf(parsed)) {
      const root = view.map(view.doc.contents);
      if (!root) continue;
      if (workflow) addWorkflow(view, root, facts);
      else {
        const runs = actionRuns(view, root);
        if (runs) addActionMetadata(view, runs, facts);
      }
    }
    return facts;
  },
};
