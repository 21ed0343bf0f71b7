// Run by .ci/run right after `npm run setup:system` into an empty cache, as on a machine that never had one:
// Node 24 and code-server are installed where the e2e suite looks for them, and code-server starts.
import { startCodeServer } from './code-server';
import { CODE_SERVER_VERSION, codeServer, isInstalled, node24 } from './components';

async function main(): Promise<number> {
  const missing = [node24(), codeServer()].filter((component) => !isInstalled(component));
  for (const component of missing) console.error(`check-setup: ${component.what} is not installed at ${component.path}`);
  if (missing.length > 0) return 1;
  const started = Date.now();
  const server = await startCodeServer({ label: 'setup-check' });
  console.log(`check-setup: code-server ${CODE_SERVER_VERSION} from ${codeServer().path} answered /healthz in ${Date.now() - started} ms`);
  await server.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`check-setup: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
