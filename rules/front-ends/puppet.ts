import { emptyFacts, type Facts, type FrontEnd } from '../types';
import { addExecFacts, type ExecContext } from './puppet/commands';
import { addConfigEditFacts, isConfigEditResource } from './puppet/config-edits';
import { addArchiveFacts, addFileSourceFacts } from './puppet/downloads';
import { addVcsrepoFacts } from './puppet/git';
import { addImageFacts, isImageResource } from './puppet/images';
import { lintControlSuppressions } from './puppet/lint-control';
import { addPackageFacts, hasEnsureDefault } from './puppet/packages';
import { loadPuppetParser, parsePuppet, type ParsedManifest, type SyntaxNode } from './puppet/parse';
import { References } from './puppet/removal';
import { findResources } from './puppet/resources';
import { appendAll } from '../arrays';

export function extractPuppetFacts(text: string): Facts {
  const facts = emptyFacts('puppet');
  const parsed = parsePuppet(text);
  addComments(parsed.root, facts);
  addSyntaxError(parsed, facts);
  appendAll(facts.scopedSuppressions, lintControlSuppressions(facts.comments, text));
  const resources = findResources(parsed.root);
  const ensureDefault = hasEnsureDefault(resources);
  let references: References | undefined;
  const exec: ExecContext = { text, references: () => (references ??= new References(parsed.root, 'exec')) };
  let statement: SyntaxNode | undefined;
  for (const resource of resources) {
    if (resource.node !== statement) facts.statements.push({ start: resource.node.startIndex, end: resource.node.endIndex });
    statement = resource.node;
    const type = resource.type;
    if (type === 'package') addPackageFacts(resource, ensureDefault, facts);
    else if (resource.form === 'default') continue;
    else if (type === 'exec') addExecFacts(resource, exec, facts);
    else if (isConfigEditResource(type)) addConfigEditFacts(resource, text, facts);
    else if (type === 'vcsrepo') addVcsrepoFacts(resource, text, facts);
    else if (type === 'archive') addArchiveFacts(resource, text, facts);
    else if (type === 'file') addFileSourceFacts(resource, text, facts);
    else if (isImageResource(type)) addImageFacts(resource, text, facts);
  }
  return facts;
}

/** `#` comments, with the text after the `#` (block comments hold no pragmas). */
function addComments(root: SyntaxNode, facts: Facts): void {
  const visit = (node: SyntaxNode): void => {
    for (const child of node.children) {
      if (child.type === 'comment') {
        const text = child.text;
        if (text.startsWith('#')) facts.comments.push({ text: text.slice(1), span: { start: child.startIndex, end: child.endIndex } });
      } else if (child.children.length > 0) visit(child);
    }
  };
  visit(root);
}

/** The first syntax error only; the resources tree-sitter recovered around it are still linted. */
function addSyntaxError(parsed: ParsedManifest, facts: Facts): void {
  if (!parsed.error) return;
  const { first, more } = parsed.error;
  facts.parseErrors.push({ rule: 'puppet-syntax', message: `${first.message}${more > 0 ? ` (and ${more} more)` : ''}`, span: first.span });
}

export const puppetFrontEnd: FrontEnd = {
  init: loadPuppetParser,
  classify() {
    return 'puppet';
  },
  extract(file) {
    return extractPuppetFacts(file.text);
  },
};
