// Packs the command line alone as the npm package `driftless-cli` (the command stays `driftless`): the
// self-contained bundle, the Ruby parser bundle and the WASM parsers, no dependencies to install.
// Usage: node scripts/pack-cli.mjs [--out <folder>]   (after `npm run build`; prints the tarball's path)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const CLI_PACKAGE_NAME = 'driftless-cli';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? root);
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');

const stage = join(dist, 'npm');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const files = ['cli.js', 'cli-main.js', 'prism.js', ...readdirSync(dist).filter((name) => name.endsWith('.wasm'))];
for (const name of files) copyFileSync(join(dist, name), join(stage, name));
copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));

const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = {
  name: CLI_PACKAGE_NAME,
  version: project.version,
  description: project.description,
  license: project.license,
  keywords: project.keywords,
  bin: { driftless: 'cli.js' },
  engines: { node: project.engines.node },
  files: [...files, 'README.md', 'LICENSE'],
};
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(
  join(stage, 'README.md'),
  [
    '# driftless-cli',
    '',
    project.description,
    '',
    '```sh',
    `npm install -g ${CLI_PACKAGE_NAME}    # or: npx ${CLI_PACKAGE_NAME} [paths...]`,
    'driftless .                          # findings, exit code 1 at or above --failure-threshold (warning)',
    'driftless --format sarif . > driftless.sarif',
    'driftless --baseline driftless-baseline.json --update-baseline   # adopt: record what is there today',
    'driftless --help',
    '```',
    '',
    'One self-contained bundle with its parsers (WebAssembly): no dependencies, Node 20 or later.',
    '',
  ].join('\n'),
);

mkdirSync(out, { recursive: true });
const packed = JSON.parse(execFileSync('npm', ['pack', stage, '--pack-destination', out, '--json'], { encoding: 'utf8' }));
console.log(join(out, packed[0].filename));
