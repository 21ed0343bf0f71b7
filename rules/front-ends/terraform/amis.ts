import type { Facts, Span } from '../../types';
import { allBlocks, attribute, blocksNamed, type HclBlock } from './hcl';
import { boolLiteral, descendants, stringLiteral, traversal, tupleItems, type HclString } from './values';
import { appendAll } from '../../arrays';

/** Attributes that choose the image an instance boots. */
const AMI_ATTRIBUTES = new Set(['ami', 'image_id']);
const OWNER_FILTERS = new Set(['owner-id', 'owner-alias']);
const RESOLVE_SSM = 'resolve:ssm:';

/** `data "aws_ami"` with `most_recent = true`, and instances booting an AMI an SSM `/latest` parameter names. */
export function addAmiFacts(blocks: readonly HclBlock[], facts: Facts): void {
  const parameters = new Map<string, string>();
  for (const block of blocks) {
    if (block.type !== 'data') continue;
    if (block.labels[0] === 'aws_ami') addMostRecent(block, facts);
    const path = block.labels[0] === 'aws_ssm_parameter' ? stringLiteral(attribute(block, 'name')?.value)?.value : undefined;
    if (path !== undefined && block.labels[1] !== undefined && isFloatingParameter(path)) parameters.set(block.labels[1], path);
  }
  for (const block of allBlocks(blocks)) {
    for (const a of block.attributes) {
      if (!AMI_ATTRIBUTES.has(a.name)) continue;
      const literal = stringLiteral(a.value);
      if (literal?.value.startsWith(RESOLVE_SSM) && isFloatingParameter(literal.value.slice(RESOLVE_SSM.length))) {
        facts.amiLookups.push({ how: 'ssm-parameter', span: literal.span, pattern: literal.value.slice(RESOLVE_SSM.length), owned: true });
        continue;
      }
      for (const node of [a.value, ...descendants(a.value)]) {
        const names = traversal(node);
        const path = names && names[0] === 'data' && names[1] === 'aws_ssm_parameter' ? parameters.get(names[2]) : undefined;
        if (path === undefined) continue;
        facts.amiLookups.push({ how: 'ssm-parameter', span: { start: node.startIndex, end: node.endIndex }, pattern: path, owned: true });
        break;
      }
    }
  }
}

/** A parameter path AWS moves to each new image: a `latest` or `recommended` segment, or a `…-latest` folder. */
function isFloatingParameter(path: string): boolean {
  return path.split('/').some((segment) => segment === 'latest' || segment === 'recommended' || segment.endsWith('-latest'));
}

function addMostRecent(block: HclBlock, facts: Facts): void {
  const mostRecent = attribute(block, 'most_recent');
  if (!mostRecent || boolLiteral(mostRecent.value) !== true) return;
  const names: HclString[] = [];
  let ownerFilter = false;
  for (const filter of blocksNamed(block, 'filter')) {
    const name = stringLiteral(attribute(filter, 'name')?.value)?.value;
    const values = filterValues(filter);
    if (name === undefined || values === undefined) return;
    if (name === 'name') appendAll(names, values);
    if (OWNER_FILTERS.has(name)) ownerFilter = true;
  }
  const owners = attribute(block, 'owners');
  const ownerList = owners && tupleItems(owners.value);
  const owned = ownerFilter || (owners !== undefined && (ownerList === undefined || ownerList.length > 0));
  const regex = attribute(block, 'name_regex');
  const wildcard = regex !== undefined || names.length === 0 || names.some((n) => /[*?]/.test(n.value));
  if (!wildcard && owned) return;
  const span: Span = { start: mostRecent.value.startIndex, end: mostRecent.value.endIndex };
  const pattern = names.length > 0 ? names.map((n) => n.value).join(', ') : undefined;
  facts.amiLookups.push({ how: 'most-recent', span, pattern, owned });
}

/** A filter's `values` when every one is a literal string. */
function filterValues(filter: HclBlock): HclString[] | undefined {
  const items = tupleItems(attribute(filter, 'values')?.value);
  if (!items) return undefined;
  const values = items.map((item) => stringLiteral(item));
  return values.every((v): v is HclString => v !== undefined) ? values : undefined;
}
