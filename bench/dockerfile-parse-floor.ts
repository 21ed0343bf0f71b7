// What the Dockerfile lint cannot go below in a cold process: Node, reading the files, and the two parsers the
// engine uses (dockerfile-ast for the file, unbash for each RUN's shell), nothing else. startup.bench.ts bundles
// this and times it beside the CLI and dockerfilelint: the parsers' share of a run bounds how fast the CLI can be.
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { parse } from 'unbash';

let commands = 0;
for (const file of process.argv.slice(2)) {
  for (const instruction of DockerfileParser.parse(readFileSync(file, 'utf8')).getInstructions()) {
    const shell = instruction.getKeyword() === 'RUN' ? instruction.getArgumentsContent() : null;
    commands += shell ? parse(shell).commands.length : instruction.getArguments().length;
  }
}
process.stdout.write(`${commands}\n`);
