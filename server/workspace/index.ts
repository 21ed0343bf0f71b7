export { loadConfigFile } from './config';
export { ConfigResolver, type ConfigListener, type ResolvedConfig } from './config-resolver';
export { discoverFiles, type DiscoveredFile, type Discovery, type DiscoveryNotice, type DiscoverOptions } from './discover';
export { UnreadablePathError } from './errors';
export { MAX_FILE_BYTES } from './limits';
export { kindFromName, lintPath, type LintPathOptions } from './lint-path';
export { diskProbe } from './probe';
export { readSourceFile, readSourceFileSync, type ReadResult } from './source-file';
