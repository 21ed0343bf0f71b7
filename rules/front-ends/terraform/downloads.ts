import type { Facts } from '../../types';
import { attribute, blocksNamed, type HclBlock } from './hcl';
import { stringLiteral } from './values';

/** `data "http"`: bytes from a URL; a `lifecycle { postcondition }` is the one place a check on them can be written. */
export function addHttpDataFacts(blocks: readonly HclBlock[], facts: Facts): void {
  for (const block of blocks) {
    if (block.type !== 'data' || block.labels[0] !== 'http') continue;
    const url = stringLiteral(attribute(block, 'url')?.value);
    if (!url) continue;
    const verified = blocksNamed(block, 'lifecycle').some((l) => blocksNamed(l, 'postcondition').length > 0);
    facts.downloads.push({ url: url.value, span: url.span, how: 'http', verified });
  }
}
