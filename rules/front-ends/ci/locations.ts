import { baseName } from '../../file-names';

const WORKFLOW = /(?:^|[\\/])\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/;
const UNDER_GITHUB = /(?:^|[\\/])\.github[\\/]/;
const ACTION_METADATA = /^action\.ya?ml$/;

/** A workflow file: directly in `.github/workflows/`, where GitHub reads them. */
export function isWorkflowPath(path: string): boolean {
  return WORKFLOW.test(path);
}

/** An action's metadata file (`action.yml`/`action.yaml`), wherever it sits. */
export function isActionMetadataName(path: string): boolean {
  return ACTION_METADATA.test(baseName(path));
}

/** Somewhere under a `.github/` folder, where an `action.yml` is an action by its place alone. */
export function isUnderGitHubFolder(path: string): boolean {
  return UNDER_GITHUB.test(path);
}

