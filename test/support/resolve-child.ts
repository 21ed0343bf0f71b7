// Resolves one reference in a fresh process and prints the result as JSON: for tests that need the
// process started with a particular environment (NODE_EXTRA_CA_CERTS is read only at startup).
import { createResolver } from '../../server/registry';

const [reference] = process.argv.slice(2);
createResolver({ cache: false })
  .resolve(reference)
  .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
