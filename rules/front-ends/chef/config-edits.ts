import type { Node } from '@ruby/prism';
import type { Facts, Span } from '../../types';
import { walkNodes, rubyNodes } from './prism';
import type { Resource } from './resources';
import type { RubySource } from './source';

/** The line cookbook's resources: each edits lines of a file in place. */
const LINE_EDITS = new Set(['append_if_no_line', 'replace_or_add', 'delete_lines', 'add_to_list', 'delete_from_list', 'filter_lines']);

export function isLineEditResource(type: string): boolean {
  return LINE_EDITS.has(type);
}

/** A resource's type and name (`ruby_block 'edit hosts'`): where a live-config-edit finding sits. */
function resourceName(resource: Resource, source: RubySource): Span {
  const name = resource.args[0];
  const end = name ? source.nodeSpan(name).end : resource.typeSpan.end;
  return { start: resource.typeSpan.start, end: end <= resource.firstLine.end ? end : resource.firstLine.end };
}

export function addLineEditFacts(resource: Resource, source: RubySource, facts: Facts): void {
  facts.configEdits.push({ how: resource.type, span: resourceName(resource, source) });
}

/**
 * `Chef::Util::FileEdit` (search_file_replace_line and friends): one finding per resource using it (a
 * `ruby_block`, usually), or at the constant itself when it runs outside any resource.
 */
export function addFileEditFacts(program: Node, resources: readonly Resource[], source: RubySource, facts: Facts): void {
  if (!source.text.includes('FileEdit')) return;
  const P = rubyNodes();
  const reported = new Set<Resource>();
  walkNodes(program, (node) => {
    if (node instanceof P.ConstantPathNode && isFileEdit(node, source)) {
      const span = source.nodeSpan(node);
      const owner = innermost(resources, span);
      if (!owner) facts.configEdits.push({ how: 'Chef::Util::FileEdit', span });
      else if (!reported.has(owner)) {
        reported.add(owner);
        facts.configEdits.push({ how: 'Chef::Util::FileEdit', span: resourceName(owner, source) });
      }
      return 'skip';
    }
  });
}

function isFileEdit(node: Node, source: RubySource): boolean {
  return /^(?:::)?Chef::Util::FileEdit$/.test(source.slice(source.nodeSpan(node)));
}

function innermost(resources: readonly Resource[], span: Span): Resource | undefined {
  let best: Resource | undefined;
  for (const r of resources) {
    if (r.span.start <= span.start && span.end <= r.span.end && (!best || r.span.end - r.span.start < best.span.end - best.span.start)) best = r;
  }
  return best;
}
