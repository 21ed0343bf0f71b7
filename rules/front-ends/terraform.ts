import { emptyFacts, type Facts, type FrontEnd, type Span } from '../types';
import { addAmiFacts } from './terraform/amis';
import { addHttpDataFacts } from './terraform/downloads';
import { allBlocks, readBody, type HclBlock } from './terraform/hcl';
import { addImageFacts } from './terraform/images';
import { addIgnoredChanges } from './terraform/lifecycle';
import { addModuleFacts } from './terraform/modules';
import { initTerraformParser, parseHcl, type SyntaxNode } from './terraform/parse';
import { addProvisionerFacts } from './terraform/provisioners';
import { addRepositoryFacts } from './terraform/repositories';
import { addUserDataFacts } from './terraform/user-data';
import { appendAll } from '../arrays';

export function extractTerraformFacts(text: string): Facts {
  const facts = emptyFacts('terraform');
  const { root, error } = parseHcl(text);
  if (error) facts.parseErrors.push(error);
  addComments(root, facts);
  const { blocks } = readBody(root.children.find((c) => c.type === 'body'));
  appendAll(facts.statements, statements(blocks));
  addModuleFacts(blocks, facts);
  addAmiFacts(blocks, facts);
  addIgnoredChanges(blocks, facts);
  addProvisionerFacts(blocks, facts);
  addUserDataFacts(text, blocks, facts);
  addRepositoryFacts(text, blocks, facts);
  addImageFacts(text, blocks, facts);
  addHttpDataFacts(blocks, facts);
  return facts;
}

/** `#` and `//` comments (a block comment is no pragma), with the text after the marker. */
function addComments(root: SyntaxNode, facts: Facts): void {
  const visit = (node: SyntaxNode): void => {
    for (const child of node.children) {
      if (child.type !== 'comment') visit(child);
      else if (child.text.startsWith('#')) facts.comments.push({ text: child.text.slice(1), span: { start: child.startIndex, end: child.endIndex } });
      else if (child.text.startsWith('//')) facts.comments.push({ text: child.text.slice(2), span: { start: child.startIndex, end: child.endIndex } });
    }
  };
  visit(root);
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
  name: 'terraform',
  kinds: ['terraform'],
  files: { globs: ['*.tf', '*.tofu'], byNameAlone: true, languages: ['terraform', 'opentofu'] },
  init: initTerraformParser,
  classify() {
    return 'terraform';
  },
  extract(file) {
    return extractTerraformFacts(file.text);
  },
};
