// npm run test:vscode: the mocha suite in VS Code desktop, downloaded by @vscode/test-electron.
import { runTests } from '@vscode/test-electron';
import { join } from 'node:path';
import { copyWorkspace } from '../e2e/workspace';
import { buildSuite } from './build-suite';

async function main(): Promise<void> {
  const extensionTestsPath = await buildSuite();
  const workspace = copyWorkspace();
  try {
    await runTests({
      extensionDevelopmentPath: join(__dirname, '..', '..'),
      extensionTestsPath,
      launchArgs: [workspace.dir, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    workspace.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
