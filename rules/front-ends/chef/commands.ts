import type { Node } from '@ruby/prism';
import { addShellFacts } from '../../shell/facts';
import type { OffsetMap } from '../../shell/offset-map';
import { parseShell } from '../../shell/parse';
import type { Facts, LocalFix } from '../../types';
import { rubyNodes } from './prism';
import { propertyOf, type Resource } from './resources';
import { argvTextMap, shellTextMap, staticText } from './ruby-strings';
import type { RubySource } from './source';

/** Script resources whose `code` a shell runs; `script` only with a shell `interpreter`. */
const SHELL_SCRIPTS = new Set(['bash', 'script']);
const SHELL_INTERPRETERS = /^(?:.*\/)?(?:ba|da|k|z)?sh$/;

export function isCommandResource(type: string): boolean {
  return type === 'execute' || SHELL_SCRIPTS.has(type);
}

/**
 * The shell an `execute` (its `command`, else its name) or a `bash`/`script` (its `code`) runs, parsed as
 * shell with offsets mapped into the Ruby string: upgrades, installs, curl|sh, bypass flags, `sed -i`.
 */
export function addCommandFacts(resource: Resource, source: RubySource, facts: Facts): void {
  const map = commandText(resource, source);
  if (!map) return;
  addShellFacts(parseShell(map), facts, { wholeRemoval: wholeRemoval(resource, source), chain: `the ${resource.type} command` });
}

function commandText(resource: Resource, source: RubySource): OffsetMap | undefined {
  const P = rubyNodes();
  let node: Node | undefined;
  if (resource.type === 'execute') {
    node = propertyOf(resource, 'command')?.args[0] ?? resource.args[0];
  } else {
    const interpreter = propertyOf(resource, 'interpreter');
    if (resource.type === 'script' && !SHELL_INTERPRETERS.test(staticText(interpreter?.args[0]) ?? '')) return undefined;
    node = propertyOf(resource, 'code')?.args[0];
  }
  if (!node) return undefined;
  if (node instanceof P.ArrayNode) return resource.type === 'execute' ? argvTextMap(node.elements, source) : undefined;
  return shellTextMap(node, source);
}

function wholeRemoval(resource: Resource, source: RubySource): LocalFix | undefined {
  if (!resource.removal) return undefined;
  const name = resource.args[0] ? source.slice(source.nodeSpan(resource.args[0])) : '';
  const label = name.length > 0 && name.length <= 60 && !name.includes('\n') ? `${resource.type} ${name}` : resource.type;
  return { kind: 'local', title: `Remove the \`${label}\` resource`, edits: resource.removal, preferred: true };
}
