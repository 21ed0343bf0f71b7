import type { Facts } from '../../types';
import type { SyntaxNode } from './parse';
import { attributeOf, literalAttribute, type Resource } from './resources';
import { literalPrefix, literalText, valueSpan } from './strings';

/** Schemes the `archive` type downloads from (puppet:// and local paths are the code's own files). */
const ARCHIVE_REMOTE = /^(?:https?|ftp|s3|gs):\/\//i;
/** The `file` type fetches http(s) sources itself. */
const FILE_REMOTE = /^https?:\/\//i;

/** `archive { source => 'https://…' }` without `checksum` or `checksum_url` (or with `checksum_verify => false`). */
export function addArchiveFacts(resource: Resource, facts: Facts): void {
  if (literalAttribute(resource, 'ensure') === 'absent') return;
  const verified = attributeOf(resource, 'checksum', 'checksum_url') !== undefined && literalAttribute(resource, 'checksum_verify') !== 'false';
  const source = attributeOf(resource, 'source')?.value;
  if (source) addRemote(source, ARCHIVE_REMOTE, 'archive', verified, facts);
}

/** `file { source => 'https://…' }` (or an array of sources) without `checksum_value`. */
export function addFileSourceFacts(resource: Resource, facts: Facts): void {
  const source = attributeOf(resource, 'source')?.value;
  if (!source || literalAttribute(resource, 'ensure') === 'absent') return;
  const verified = attributeOf(resource, 'checksum_value') !== undefined;
  for (const element of source.type === 'array' ? source.namedChildren : [source]) addRemote(element, FILE_REMOTE, 'file', verified, facts);
}

/** A source whose literal beginning names a remote scheme; the rest may be interpolated (a version, a mirror path). */
function addRemote(node: SyntaxNode, remote: RegExp, how: 'archive' | 'file', verified: boolean, facts: Facts): void {
  const prefix = literalPrefix(node);
  if (prefix === undefined || !remote.test(prefix)) return;
  facts.downloads.push({ url: literalText(node) ?? node.text, span: valueSpan(node), how, verified });
}
