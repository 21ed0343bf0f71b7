import type { Facts } from '../../types';
import { addCloudConfigFacts } from './cloud-config';
import { allBlocks, type HclBlock } from './hcl';
import type { SyntaxNode } from './parse';
import { addScriptFacts } from './shell';
import { functionCall, templateText } from './values';

/** What an instance runs at first boot. */
const USER_DATA = new Set(['user_data', 'user_data_base64']);
/** Functions that encode or trim the script but leave what it runs unchanged. */
const TRANSPARENT = new Set(['base64encode', 'base64gzip', 'trimspace', 'chomp']);
const CLOUD_CONFIG = /^#cloud-config[ \t]*(\r?\n|$)/;

/** `user_data` / `user_data_base64` written in the file: a shell script, or a `#cloud-config` document. */
export function addUserDataFacts(text: string, blocks: readonly HclBlock[], facts: Facts): void {
  for (const block of allBlocks(blocks)) {
    for (const a of block.attributes) {
      if (!USER_DATA.has(a.name)) continue;
      const script = unwrap(a.value);
      const written = templateText(script);
      if (!written) continue;
      const body = written.map.text.trimStart();
      if (CLOUD_CONFIG.test(body)) {
        if (written.heredoc) addCloudConfigFacts(text, script, facts);
      } else addScriptFacts(written.map, facts, { chain: 'the user_data script' });
    }
  }
}

function unwrap(node: SyntaxNode): SyntaxNode {
  let at = node;
  for (let call = functionCall(at); call && TRANSPARENT.has(call.name) && call.args.length === 1; call = functionCall(at)) at = call.args[0];
  return at;
}
