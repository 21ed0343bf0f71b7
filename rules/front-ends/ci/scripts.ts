import type { Scalar, YAMLSeq } from 'yaml';
import { addShellFacts, mayHaveShellFacts } from '../../shell/facts';
import { parseShell } from '../../shell/parse';
import type { Facts, LocalFix } from '../../types';
import type { YamlView } from '../../yaml/nodes';
import { taskRemoval } from '../ansible/removal';
import { scalarOffsetMap } from '../ansible/scalar-map';
import { maskExpressions } from './expressions';

export interface ScriptPlace {
  /** How fix titles name where a command is removed from, e.g. `the step's script`. */
  chain: string;
  /** The list item the script is (a step, a `script:` line) and what to call it, when it may go whole. */
  item?: { seq: YAMLSeq<unknown>; index: number; label: string };
  /** GitHub Actions: `${{ … }}` expressions are substituted before the shell runs. */
  expressions: boolean;
}

/** A pipeline's shell script (a `run:` step, a GitLab `script:` line) through the shared shell facts, at its offsets in the file. */
export function addScriptFacts(view: YamlView, scalar: Scalar, facts: Facts, place: ScriptPlace): void {
  const written = scalarOffsetMap(view.text, scalar);
  if (!written || !mayHaveShellFacts(written.text)) return;
  const map = place.expressions ? maskExpressions(written) : written;
  addShellFacts(parseShell(map), facts, { wholeRemoval: itemRemoval(view, place), chain: place.chain });
}

/** Removes the list item the script is, when others stay (a job needs a step, a `script:` a line). */
function itemRemoval(view: YamlView, place: ScriptPlace): LocalFix | undefined {
  const item = place.item;
  if (!item || item.seq.items.length < 2) return undefined;
  const edits = taskRemoval(view.text, view.parsed.lines, { seq: item.seq, index: item.index });
  return edits && { kind: 'local', title: `Remove ${item.label}`, edits, preferred: true };
}
