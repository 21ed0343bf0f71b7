import { addShellFacts, mayHaveShellFacts, type ShellFactOptions } from '../../shell/facts';
import type { OffsetMap } from '../../shell/offset-map';
import { parseShell } from '../../shell/parse';
import type { Facts } from '../../types';

/** A `#!` line naming an interpreter that is not a shell: the text is not shell. */
export function isOtherInterpreter(text: string): boolean {
  return /^#!/.test(text) && !/^#![^\n]*\b(sh|bash|dash|ash|zsh)\b/.test(text);
}

/** Shell text inside the file (a provisioner's command, a user_data script) through the shared shell facts. */
export function addScriptFacts(map: OffsetMap, facts: Facts, options: ShellFactOptions): void {
  if (isOtherInterpreter(map.text.trimStart()) || !mayHaveShellFacts(map.text)) return;
  addShellFacts(parseShell(map), facts, options);
}
