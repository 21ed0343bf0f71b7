import { addShellFacts, mayHaveShellFacts, upgradeDescription } from '../../shell/facts';
import type { OffsetMap } from '../../shell/offset-map';
import { parseArgv, parseShell } from '../../shell/parse';
import type { ShellScript, ShellWord } from '../../shell/types';
import type { Facts, LocalFix } from '../../types';
import type { SyntaxNode } from './parse';
import { declarationRemoval, type References } from './removal';
import { attributeOf, literalAttribute, type Resource } from './resources';
import { literalText, shellTextMap, valueSpan } from './strings';

/** Longer titles are left out of the fix title. */
const MAX_TITLE_IN_FIX = 60;
/** exec providers that run no POSIX shell. */
const NOT_SHELL = new Set(['powershell', 'pwsh', 'windows']);

/** What an exec's facts need from the rest of the manifest. */
export interface ExecContext {
  text: string;
  /** `Exec[…]` references in the manifest, read when an exec first needs them. */
  references: () => References;
}

/**
 * An `exec`'s `command` (its title when it has none) as shell: a string is a shell script, an array is an argv no
 * shell reads. Upgrades, installs, curl|sh, bypass flags and `sed -i` come from the shared shell facts.
 */
export function addExecFacts(resource: Resource, context: ExecContext, facts: Facts): void {
  const provider = literalAttribute(resource, 'provider');
  if (provider !== undefined && NOT_SHELL.has(provider)) return;
  const command = attributeOf(resource, 'command')?.value ?? resource.title;
  if (!command) return;
  const script = command.type === 'array' ? argvScript(command.namedChildren) : shellScript(shellTextMap(command));
  if (!script) return;
  // Only an upgrade that is the whole command is fixed by removing the exec: the references are read for it alone.
  const removable = script.commands.some((c) => c.wholeScript && upgradeDescription(c) !== undefined);
  addShellFacts(script, facts, { wholeRemoval: removable ? wholeRemoval(resource, context) : undefined, chain: 'the exec command' });
}

function shellScript(map: OffsetMap | undefined): ShellScript | undefined {
  return map && mayHaveShellFacts(map.text) ? parseShell(map) : undefined;
}

function argvScript(elements: readonly SyntaxNode[]): ShellScript | undefined {
  const words: ShellWord[] = elements.map((element) => ({ value: literalText(element), raw: element.text, span: valueSpan(element) }));
  if (!mayHaveShellFacts(words.map((w) => w.value ?? '').join(' '))) return undefined;
  return parseArgv(words, elements.map((element) => shellTextMap(element)));
}

/** Removing the whole exec: only when it is declared alone and nothing in the manifest refers to it. */
function wholeRemoval(resource: Resource, context: ExecContext): LocalFix | undefined {
  if (!resource.alone || context.references().mayReferTo(resource)) return undefined;
  const title = resource.title?.text ?? '';
  const named = title.length > 0 && title.length <= MAX_TITLE_IN_FIX && !title.includes('\n');
  const label = named ? `exec ${title}` : 'exec';
  const reference = named ? `Exec[${title}]` : 'it';
  return {
    kind: 'local',
    title: `Remove the \`${label}\` resource (and any require/notify/subscribe/before of \`${reference}\` in other manifests)`,
    edits: declarationRemoval(resource.node, context.text),
    preferred: true,
  };
}
