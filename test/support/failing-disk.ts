import { join } from 'node:path';
import { REPO_ROOT } from './requirements';

/**
 * A module to preload (`node --require`) into the CLI or the language server: asked whether a `Chart.yaml`
 * exists, the disk throws, so linting a Helm values file fails inside the engine (see failing-disk.cjs).
 */
export const FAILING_DISK = join(REPO_ROOT, 'test', 'support', 'failing-disk.cjs');
