// `npm run bench`: runs every bench/*.bench.ts in its own Node process (so one's memory and JIT state do not
// colour another's numbers) and lets each print its own. Pass names to run some: `npm run bench -- dockerfile`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const benches = readdirSync(__dirname)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((o) => name.startsWith(o)))
  .sort();

let failed = 0;
for (const name of benches) {
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, name)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`${name} failed (exit ${result.status ?? result.signal})`);
  }
}
if (benches.length === 0) console.error(`no benchmark matches ${only.join(', ')}`);
process.exitCode = failed > 0 || benches.length === 0 ? 1 : 0;
