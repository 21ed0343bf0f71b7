import type { YAMLMap, YAMLSeq } from 'yaml';
import type { Facts } from '../../types';
import type { YamlView } from '../../yaml/nodes';
import { hasExpression } from './expressions';
import { addScriptFacts } from './scripts';
import { addUses } from './uses';

/** Shells whose scripts are POSIX shell text; `pwsh`, `powershell`, `python`, `cmd` and custom programs are not read. */
const POSIX_SHELLS = new Set(['bash', 'sh']);

/**
 * The program a `shell:` in `map` names (`bash` of `bash -e {0}`): '' when it is not literal (an expression chooses
 * it), undefined when there is none.
 */
function shellProgram(view: YamlView, map: YAMLMap<unknown, unknown> | undefined): string | undefined {
  const pair = view.get(map, 'shell');
  if (!pair) return undefined;
  const written = view.literal(view.scalar(pair.value));
  if (written === undefined || hasExpression(written)) return '';
  const program = written.trim().split(/\s+/)[0];
  return program.slice(program.lastIndexOf('/') + 1);
}

/** The shell program of `defaults.run.shell` in a workflow or a job. */
export function defaultShell(view: YamlView, owner: YAMLMap<unknown, unknown> | undefined): string | undefined {
  return shellProgram(view, view.path(owner, 'defaults', 'run'));
}

/**
 * Steps of a job or a composite action: `uses:` references and `run:` scripts in a POSIX shell. A step's shell is
 * its own `shell:`, else the inherited `defaults.run.shell`, else bash (PowerShell on Windows).
 */
export function addSteps(view: YamlView, steps: YAMLSeq<unknown> | undefined, facts: Facts, shell: { inherited: string | undefined; windows: boolean }): void {
  steps?.items.forEach((item, index) => {
    const step = view.map(item);
    const span = view.span(step);
    if (!step || !span) return;
    facts.statements.push(span);
    addUses(view, view.getScalar(step, 'uses'), facts, false);
    const run = view.getScalar(step, 'run');
    const program = shellProgram(view, step) ?? shell.inherited ?? (shell.windows ? 'pwsh' : 'bash');
    if (!run || !POSIX_SHELLS.has(program)) return;
    const name = view.str(step, 'name');
    addScriptFacts(view, run, facts, {
      chain: "the step's script",
      item: { seq: steps, index, label: name ? `the step '${name}'` : 'the step' },
      expressions: true,
    });
  });
}
