import type { Facts } from '../../types';
import { allBlocks, attribute, type HclBlock } from './hcl';
import { addScriptFacts } from './shell';
import { templateText, tupleItems } from './values';

/** Every `provisioner "<type>"` block, and the shell of `remote-exec` `inline` and `local-exec` `command`. */
export function addProvisionerFacts(blocks: readonly HclBlock[], facts: Facts): void {
  for (const block of allBlocks(blocks)) {
    if (block.type !== 'provisioner' || block.labels[0] === undefined) continue;
    facts.provisioners.push({ type: block.labels[0], span: block.header });
    if (block.labels[0] === 'remote-exec') {
      for (const line of tupleItems(attribute(block, 'inline')?.value) ?? []) {
        const text = templateText(line);
        if (text) addScriptFacts(text.map, facts, { chain: 'the inline command' });
      }
    } else if (block.labels[0] === 'local-exec') {
      const text = templateText(attribute(block, 'command')?.value);
      if (text) addScriptFacts(text.map, facts, { chain: 'the local-exec command' });
    }
  }
}
