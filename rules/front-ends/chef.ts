import * as path from 'node:path';
import { outsideCrlf } from '../text';
import { emptyFacts, type Facts, type FileProbe, type FrontEnd, type SourceFile } from '../types';
import { addCommandFacts, isCommandResource } from './chef/commands';
import { addFileEditFacts, addLineEditFacts, isLineEditResource } from './chef/config-edits';
import { addRemoteFileFacts } from './chef/downloads';
import { addGitFacts } from './chef/git';
import { addImageFacts, isImageResource } from './chef/images';
import { addPackageOptionBypassFacts, addRepositoryBypassFacts, isRepositoryResource } from './chef/integrity';
import { findLiteralLoops } from './chef/loops';
import { addPackageFacts, isPackageResource } from './chef/packages';
import { loadRubyParser, readRuby, type ParseResult } from './chef/prism';
import { findResources } from './chef/resources';
import { addRubyCommandFacts } from './chef/ruby-commands';
import { RubySource } from './chef/source';

/** Cookbook folders whose `.rb` files are recipes or resources. */
const RESOURCE_FOLDERS = new Set(['recipes', 'resources']);
const COOKBOOK_METADATA = ['metadata.rb', 'metadata.json'];

/** A recipe or custom resource in a cookbook: `<cookbook>/recipes/*.rb`, `<cookbook>/resources/*.rb`. */
function isCookbookRuby(file: SourceFile, probe: FileProbe): boolean {
  const folder = path.dirname(file.path);
  if (!RESOURCE_FOLDERS.has(path.basename(folder))) return false;
  const cookbook = path.dirname(folder);
  return COOKBOOK_METADATA.some((name) => probe.exists(path.join(cookbook, name)));
}

export function extractChefFacts(text: string): Facts {
  const facts = emptyFacts('chef');
  const source = new RubySource(text);
  const result = readRuby(text);
  if ('failed' in result) {
    const at = result.offset ?? 0;
    facts.parseErrors.push({ rule: 'ruby-syntax', message: result.failed, span: { start: at, end: Math.min(text.length, at + 1) } });
    return facts;
  }
  addComments(result, source, facts);
  addSyntaxError(result, source, facts);
  const program = result.value;
  const resources = findResources(program, source);
  const loops = findLiteralLoops(program);
  for (const loop of loops.calls) facts.statements.push(source.nodeSpan(loop));
  for (const resource of resources) {
    facts.statements.push(resource.span);
    const type = resource.type;
    if (isPackageResource(type)) {
      addPackageFacts(resource, loops, source, facts);
      addPackageOptionBypassFacts(resource, source, facts);
    } else if (isCommandResource(type)) addCommandFacts(resource, source, facts);
    else if (type === 'remote_file') addRemoteFileFacts(resource, source, facts);
    else if (type === 'git') addGitFacts(resource, source, facts);
    else if (isImageResource(type)) addImageFacts(resource, source, facts);
    else if (isRepositoryResource(type)) addRepositoryBypassFacts(resource, source, facts);
    else if (isLineEditResource(type)) addLineEditFacts(resource, source, facts);
  }
  addFileEditFacts(program, resources, source, facts);
  addRubyCommandFacts(program, source, facts);
  return facts;
}

/** `#` comments (not `=begin` blocks), with the text after the `#`. */
function addComments(result: ParseResult, source: RubySource, facts: Facts): void {
  for (const comment of result.comments) {
    const span = source.span(comment.location);
    const text = source.slice(span);
    if (text.startsWith('#')) facts.comments.push({ text: text.slice(1), span });
  }
}

/** The first syntax error in the file only: prism recovers, and the rest of the file is still linted. */
function addSyntaxError(result: ParseResult, source: RubySource, facts: Facts): void {
  if (result.errors.length === 0) return;
  const first = result.errors.reduce((a, b) => (b.location.startOffset < a.location.startOffset ? b : a));
  facts.parseErrors.push({
    rule: 'ruby-syntax',
    message: `${first.message}${result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : ''}`,
    span: outsideCrlf(source.text, source.span(first.location)),
  });
}

export const chefFrontEnd: FrontEnd = {
  init: loadRubyParser,
  classify(file, probe) {
    return isCookbookRuby(file, probe) ? 'chef' : undefined;
  },
  extract(file) {
    return extractChefFacts(file.text);
  },
};
