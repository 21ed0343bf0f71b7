// A named import: the bundles then hold the version, not all of package.json.
import { version } from '../package.json';

export const TOOL_NAME = 'Driftless';
export const TOOL_VERSION: string = version;
