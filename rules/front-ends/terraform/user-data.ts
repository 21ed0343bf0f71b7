import { OffsetMap } from '../../shell/offset-map';
import { emptyFacts, type Facts, type Span } from '../../types';
import { addCloudConfigFacts } from './cloud-config';
import { allBlocks, type HclBlock } from './hcl';
import { heredocYaml, readSideFile, yamlIn } from './heredoc-yaml';
import { modulePath, readModuleFile, type ModuleFolder } from './module-files';
import { readHcl, type SyntaxNode } from './parse';
import { addScriptFacts } from './shell';
import { functionCall, templateText } from './values';

/** What an instance runs at first boot. */
const USER_DATA = new Set(['user_data', 'user_data_base64']);
/** Functions that encode or trim the script but leave what it runs unchanged. */
const TRANSPARENT = new Set(['base64encode', 'base64gzip', 'trimspace', 'chomp']);
const CLOUD_CONFIG = /^#cloud-config[ \t]*(\r?\n|$)/;
const CHAIN = 'the user_data script';

/**
 * `user_data` / `user_data_base64`: a shell script or a `#cloud-config` document written in the file, or read
 * from a file of the module by `file()` / `templatefile()` (when `folder` gives the engine's window on the disk).
 */
export function addUserDataFacts(text: string, blocks: readonly HclBlock[], facts: Facts, folder: ModuleFolder | undefined): void {
  for (const block of allBlocks(blocks)) {
    for (const a of block.attributes) {
      if (!USER_DATA.has(a.name)) continue;
      const script = unwrap(a.value);
      const call = functionCall(script);
      if (call?.name === 'file' || call?.name === 'templatefile') {
        const how = call.name;
        if (folder) readSideFile(() => addModuleFile(how, call.args[0], { start: script.startIndex, end: script.endIndex }, folder, facts));
        continue;
      }
      const written = templateText(script);
      if (!written) continue;
      if (CLOUD_CONFIG.test(written.map.text.trimStart())) {
        if (written.heredoc) addCloudConfigFacts(heredocYaml(text, script, facts), facts);
      } else addScriptFacts(written.map, facts, { chain: CHAIN });
    }
  }
}

function unwrap(node: SyntaxNode): SyntaxNode {
  let at = node;
  for (let call = functionCall(at); call && TRANSPARENT.has(call.name) && call.args.length === 1; call = functionCall(at)) at = call.args[0];
  return at;
}

/**
 * The file `file(path)` or `templatefile(path, vars)` reads, as user_data: its facts are checked with the .tf
 * file's and reported at the call. `file()` gives the text as it is; `templatefile()` renders a template, so
 * its interpolations are unknown values and its directives markup, as in a heredoc. A missing file is silent.
 */
function addModuleFile(how: 'file' | 'templatefile', pathArgument: SyntaxNode | undefined, call: Span, folder: ModuleFolder, facts: Facts): void {
  const path = modulePath(pathArgument);
  const content = path === undefined ? undefined : readModuleFile(folder, path);
  if (path === undefined || content === undefined) return;
  const included = emptyFacts(facts.kind);
  if (how === 'file') {
    const whole = { start: 0, end: content.length };
    if (CLOUD_CONFIG.test(content.trimStart())) addCloudConfigFacts(yamlIn(content, whole, included), included);
    else addScriptFacts(new OffsetMap().append(content, 0), included, { chain: CHAIN });
    (facts.included ??= []).push({ path, span: call, text: content, contentStart: 0, facts: included });
    return;
  }
  const marker = heredocMarker(content);
  const opening = `t = <<${marker}\n`;
  const wrapped = `${opening}${content}${content.endsWith('\n') ? '' : '\n'}${marker}\n`;
  const read = readHcl(
    wrapped,
    ({ root, error }) => {
      if (error) return false;
      const value = root.children.find((c) => c.type === 'body')?.children.find((c) => c.type === 'attribute')?.children[2];
      const rendered = templateText(value);
      if (!value || !rendered?.heredoc) return false;
      if (CLOUD_CONFIG.test(rendered.map.text.trimStart())) addCloudConfigFacts(heredocYaml(wrapped, value, included), included);
      else addScriptFacts(rendered.map, included, { chain: CHAIN });
      return true;
    },
    { documentCache: false },
  );
  if (read) (facts.included ??= []).push({ path, span: call, text: wrapped, contentStart: opening.length, facts: included });
}

/** A heredoc marker no line of `content` is. */
function heredocMarker(content: string): string {
  const lines = new Set(content.split(/\r?\n/).map((line) => line.trim()));
  let marker = 'DRIFTLESS_TEMPLATE';
  for (let i = 1; lines.has(marker); i++) marker = `DRIFTLESS_TEMPLATE_${i}`;
  return marker;
}
