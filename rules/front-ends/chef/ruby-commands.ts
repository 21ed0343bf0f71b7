import type { Node } from '@ruby/prism';
import { addShellFacts } from '../../shell/facts';
import type { OffsetMap } from '../../shell/offset-map';
import { parseShell } from '../../shell/parse';
import type { Facts } from '../../types';
import { walkNodes, rubyNodes } from './prism';
import { argvTextMap, shellTextMap } from './ruby-strings';
import type { RubySource } from './source';

/** Ruby's own ways of running a command: Kernel and Chef's shell_out helpers. */
const RUNNERS = new Set(['system', 'exec', 'spawn', 'shell_out', 'shell_out!', 'shell_out_compacted', 'shell_out_compacted!']);
/** Guards only test the host; what they run changes nothing. */
const GUARDS = new Set(['only_if', 'not_if']);
const MENTIONS_RUNNER = /\b(?:system|exec|spawn)\b|shell_out|`|%x/;

/**
 * Commands Ruby code runs itself (in a ruby_block, a custom resource, a library): backticks and %x(),
 * `system`/`exec`/`spawn` and `shell_out(!)` with one string (a shell runs it) or several (argv).
 * There is no whole-statement fix here: removing a call can change what the code around it does.
 */
export function addRubyCommandFacts(program: Node, source: RubySource, facts: Facts): void {
  if (!MENTIONS_RUNNER.test(source.text)) return;
  const P = rubyNodes();
  walkNodes(program, (node) => {
    if (node instanceof P.CallNode && node.receiver === null && GUARDS.has(node.name)) return 'skip';
    const map = commandOf(node, source);
    if (map) addShellFacts(parseShell(map), facts, { chain: 'the command' });
  });
}

function commandOf(node: Node, source: RubySource): OffsetMap | undefined {
  const P = rubyNodes();
  if (node instanceof P.XStringNode || node instanceof P.InterpolatedXStringNode) return shellTextMap(node, source);
  if (!(node instanceof P.CallNode) || !RUNNERS.has(node.name) || !isKernel(node.receiver)) return undefined;
  const args = (node.arguments_?.arguments_ ?? []).filter((a) => !(a instanceof P.KeywordHashNode));
  if (args[0] instanceof P.HashNode) args.shift();
  if (args.length === 0 || args.some((a) => a instanceof P.SplatNode || a instanceof P.BlockArgumentNode)) return undefined;
  return args.length === 1 ? shellTextMap(args[0], source) : argvTextMap(args, source);
}

function isKernel(receiver: Node | null): boolean {
  const P = rubyNodes();
  return receiver === null || (receiver instanceof P.ConstantReadNode && receiver.name === 'Kernel');
}
