export { loadConfigFile, loadConfigFor, type LoadedConfig } from './config';
export { discoverFiles, type DiscoveredFile, type Discovery, type DiscoveryNotice, type DiscoverOptions, type IgnoreGlobs } from './discover';
export { UnreadablePathError } from './errors';
export { isCandidateName } from './file-names';
export { MAX_FILE_BYTES } from './limits';
export { kindFromName, lintPath, type LintPathOptions } from './lint-path';
export { diskProbe } from './probe';
export { readSourceFile, readSourceFileSync, type ReadResult } from './source-file';
