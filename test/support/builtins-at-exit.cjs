// Preloaded (`node --require`) into the CLI by the tests of what a start loads: at exit, writes the Node built-ins
// the process loaded (process.moduleLoadList's public modules, e.g. `crypto`, `worker_threads`) as a JSON array
// to the file named by DRIFTLESS_TEST_BUILTINS.
'use strict';
const fs = require('node:fs');

const out = process.env.DRIFTLESS_TEST_BUILTINS;
if (!out) throw new Error('builtins-at-exit.cjs needs DRIFTLESS_TEST_BUILTINS');
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ') && !m.includes('internal/')).map((m) => m.slice('NativeModule '.length));
  fs.writeFileSync(out, JSON.stringify(builtins));
});
