import { emptyFacts, type Facts, type FrontEnd, type Span } from '../types';
import type { ModuleFolder } from './terraform/module-files';
import { addAmiFacts } from './terraform/amis';
import { addHttpDataFacts } from './terraform/downloads';
import { beginHeredocStream } from './terraform/heredoc-yaml';
import { allBlocks, readBody, type HclBlock } from './terraform/hcl';
import { addImageFacts } from './terraform/images';
import { addIgnoredChanges } from './terraform/lifecycle';
import { addModuleFacts } from './terraform/modules';
import { initTerraformParser, readHcl, type ParsedHcl } from './terraform/parse';
import { addProvisionerFacts } from './terraform/provisioners';
import { addRepositoryFacts } from './terraform/repositories';
import { addUserDataFacts } from './terraform/user-data';
import { appendAll } from '../arrays';

/** The file's facts; with `folder`, the scripts its `user_data` reads from the module's files too. */
export function extractTerraformFacts(text: string, folder?: ModuleFolder): Facts {
  return readHcl(text, (parsed) => factsOf(text, parsed, folder));
}

function factsOf(text: string, { root, comments, error }: ParsedHcl, folder: ModuleFolder | undefined): Facts {
  const facts = emptyFacts('terraform');
  beginHeredocStream();
  if (error) facts.parseErrors.push(error);
  const { blocks } = readBody(root.children.find((c) => c.type === 'body'));
  appendAll(facts.statements, statements(blocks));
  addModuleFacts(blocks, facts);
  addAmiFacts(blocks, facts);
  addIgnoredChanges(blocks, facts);
  addProvisionerFacts(blocks, facts);
  addUserDataFacts(text, blocks, facts, folder);
  addRepositoryFacts(text, blocks, facts);
  addImageFacts(text, blocks, facts);
  addHttpDataFacts(blocks, facts);
  // Last: the readers above have copied the values they read, with the comments inside them.
  addComments(text, comments(), facts);
  return facts;
}

/** `#` and `//` comments (a block comment is no pragma), with the text after the marker. */
function addComments(text: string, comments: readonly Span[], facts: Facts): void {
  for (const span of comments) {
    const comment = text.slice(span.start, span.end);
    if (comment.startsWith('#')) facts.comments.push({ text: comment.slice(1), span });
    else if (comment.startsWith('//')) facts.comments.push({ text: comment.slice(2), span });
  }
}

/** Blocks and their attributes: a pragma above either covers it whole. */
function statements(blocks: readonly HclBlock[]): Span[] {
  const out: Span[] = [];
  for (const block of allBlocks(blocks)) {
    out.push(block.span);
    for (const attribute of block.attributes) out.push(attribute.span);
  }
  return out;
}

/** Terraform and OpenTofu configuration files. */
export const terraformFrontEnd: FrontEnd = {
  init: initTerraformParser,
  classify() {
    return 'terraform';
  },
  extract(file, _kind, probe) {
    return extractTerraformFacts(file.text, { path: file.path, probe });
  },
};
