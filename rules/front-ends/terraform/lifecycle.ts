import type { Facts } from '../../types';
import { allBlocks, attribute, type HclBlock } from './hcl';
import { stringLiteral, term, traversal, tupleItems } from './values';

/** `lifecycle { ignore_changes = all | [a, b.c] }` (and the legacy quoted forms), in every block. */
export function addIgnoredChanges(blocks: readonly HclBlock[], facts: Facts): void {
  for (const block of allBlocks(blocks)) {
    if (block.type !== 'lifecycle') continue;
    const ignore = attribute(block, 'ignore_changes');
    if (!ignore) continue;
    const whole = term(ignore.value);
    const legacy = stringLiteral(ignore.value);
    if ((whole?.type === 'variable_expr' && whole.text === 'all') || legacy?.value === 'all') {
      facts.ignoredChanges.push({ attribute: 'all', names: ['all'], span: { start: ignore.value.startIndex, end: ignore.value.endIndex } });
      continue;
    }
    for (const item of tupleItems(ignore.value) ?? []) {
      const quoted = stringLiteral(item);
      const names = traversal(item) ?? quoted?.value.split('.').map((name) => name.replace(/\[.*\]$/, ''));
      if (!names) continue;
      const span = quoted ? quoted.span : { start: item.startIndex, end: item.endIndex };
      facts.ignoredChanges.push({ attribute: quoted ? quoted.value : item.text, names, span });
    }
  }
}
