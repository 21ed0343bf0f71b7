// Preloaded (`node --require`) into the CLI or the language server by the tests of what happens when the engine
// fails: the disk throws when asked whether a chart's Chart.yaml exists, an error no caller expects. The Helm
// values front end asks that of every values.yaml, so linting one fails inside the engine on the real code path
// (the production disk probe, the front end, the engine's catch), not in a stub.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const existsSync = fs.existsSync;
fs.existsSync = function failingExistsSync(file) {
  if (path.basename(String(file)) === 'Chart.yaml') throw new Error('disk on fire');
  return existsSync.call(fs, file);
};
