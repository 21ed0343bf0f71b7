// Writes docs/rules/<id>.md for every rule of the catalogue and removes pages of rules that are gone.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ruleDocFiles } from './rule-docs';

const dir = resolve(__dirname, '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const files = ruleDocFiles();
for (const name of readdirSync(dir)) {
  if (name.endsWith('.md') && !files.has(name)) rmSync(join(dir, name));
}
for (const [name, text] of files) writeFileSync(join(dir, name), text);
console.log(`docs/rules: ${files.size - 1} rule pages and the index`);
