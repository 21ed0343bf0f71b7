import { Add, Arg, DockerfileParser, From, Onbuild, Run, Shell, type Dockerfile } from 'dockerfile-ast';
import './dockerfile/argument-scan-once';
import { addShellFacts } from '../shell/facts';
import { LineIndex } from '../text';
import { emptyFacts, type Facts, type FrontEnd, type LocalFix, type SourceFile, type Span } from '../types';
import { addSources } from './dockerfile/add';
import { ImageCollector } from './dockerfile/images';
import { runScripts } from './dockerfile/run';
import type { GlobalArg } from './dockerfile/variables';
import { appendAll } from '../arrays';

/**
 * Whether text reads as a Dockerfile whatever its file's name: its first instruction is `FROM`, or global `ARG`s
 * and then `FROM`, as Docker requires. A shell script or a template named on a command line is not one.
 */
function isDockerfileText(text: string): boolean {
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') return true;
    if (keyword !== 'ARG') return false;
  }
  return false;
}

/** Shells whose RUN lines are not POSIX shell (`SHELL ["powershell", …]`): nothing to read there. */
const NON_POSIX_SHELL = /(^|[\\/])(powershell|pwsh|cmd)(\.exe)?$/i;

export const dockerfileFrontEnd: FrontEnd = {
  classify: () => 'dockerfile',
  readsAs: isDockerfileText,
  extract: (file) => extractDockerfile(file),
};

export function extractDockerfile(file: SourceFile): Facts {
  const { text } = file;
  const facts = emptyFacts('dockerfile');
  const lines = new LineIndex(text);
  const dockerfile = DockerfileParser.parse(text);
  const span = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): Span => ({
    start: lines.offset(r.start),
    end: lines.offset(r.end),
  });

  addComments(dockerfile, text, lines, facts);
  const images = new ImageCollector(text, lines, globalArgs(dockerfile, text, lines), dockerfile);
  images.syntaxDirective(dockerfile);

  const stages = new Set<string>();
  let posixShell = true;
  for (const instruction of dockerfile.getInstructions()) {
    const statement = span(instruction.getRange());
    facts.statements.push(statement);
    images.instruction(instruction, stages);
    // `ONBUILD RUN …` runs in every image built FROM this one: its trigger is read as the instruction it is.
    const acting = instruction instanceof Onbuild ? (instruction.getTriggerInstruction() ?? instruction) : instruction;
    if (instruction instanceof From) {
      const stage = instruction.getBuildStage();
      if (stage) stages.add(stage.toLowerCase());
      posixShell = true;
    } else if (instruction instanceof Shell) {
      posixShell = !NON_POSIX_SHELL.test(instruction.getJSONStrings()[0]?.getJSONValue() ?? '');
    } else if (acting instanceof Run && posixShell) {
      const wholeRemoval = removeInstruction(statement, text, lines);
      for (const script of runScripts(acting, text, lines)) addShellFacts(script, facts, { wholeRemoval, chain: 'the RUN chain' });
    } else if (acting instanceof Add) {
      addSources(acting, text, lines, facts);
    }
  }
  appendAll(facts.images, images.images);
  return facts;
}

/** Global ARGs (before the first FROM) with their defaults: the only variables FROM can use. */
function globalArgs(dockerfile: Dockerfile, text: string, lines: LineIndex): Map<string, GlobalArg> {
  const args = new Map<string, GlobalArg>();
  for (const arg of dockerfile.getInitialARGs()) {
    for (const property of (arg as Arg).getProperties()) {
      const range = property.getValueRange();
      const value = property.getValue() ?? undefined;
      if (!range || value === undefined) {
        args.set(property.getName(), { value: undefined });
        continue;
      }
      let end = lines.offset(range.end);
      const first = text[lines.offset(range.start)];
      if ((first === '"' || first === "'") && text[end - 1] === first) end--;
      args.set(property.getName(), { value, valueEnd: end });
    }
  }
  return args;
}

/** Comments for suppression; dockerfile-ast reads `# hadolint ignore=…` on the first lines as a parser directive. */
function addComments(dockerfile: Dockerfile, text: string, lines: LineIndex, facts: Facts): void {
  const starts = [...dockerfile.getComments(), ...dockerfile.getDirectives()].map((c) => lines.offset(c.getRange().start));
  for (const start of starts.sort((a, b) => a - b)) {
    const hash = text.indexOf('#', start);
    if (hash < 0) continue;
    const end = lines.lineEnd(lines.position(hash).line);
    facts.comments.push({ text: text.slice(hash + 1, end), span: { start: hash, end } });
  }
}

/** The line without its trailing `\` and the blanks before it; linear (a `/\s*\\$/` is quadratic in trailing blanks). */
function withoutContinuation(line: string): string {
  return line.endsWith('\\') ? line.slice(0, -1).trimEnd() : line;
}

/** The fix for an upgrade that is the whole RUN: the instruction goes, lines and all. */
function removeInstruction(statement: Span, text: string, lines: LineIndex): LocalFix {
  const firstLine = lines.position(statement.start).line;
  const lastLine = lines.position(statement.end).line;
  const start = lines.lineStart(firstLine);
  const end = lastLine + 1 < lines.lineCount ? lines.lineStart(lastLine + 1) : text.length;
  const shown = withoutContinuation(text.slice(statement.start, lines.lineEnd(firstLine)));
  const title = lastLine > firstLine ? `Remove the \`${shown} …\` instruction` : `Remove the \`${shown}\` instruction`;
  return { kind: 'local', title, edits: [{ span: { start, end }, newText: '' }], preferred: true };
}
