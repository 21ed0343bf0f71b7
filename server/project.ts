import packageJson from '../package.json';

export const TOOL_NAME = 'Driftless';
export const TOOL_VERSION: string = packageJson.version;

/** Where the project lives (package.json `repository`); every rule's documentation is `docs/rules/<id>.md` below it. */
export const PROJECT_URL: string = packageJson.repository.url;
export const RULE_DOCS_BASE_URL = `${PROJECT_URL}/blob/main/docs/rules`;

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}/${ruleId}.md`;
}
