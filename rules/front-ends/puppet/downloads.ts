import { CHECKSUM_PLACEHOLDER, type Download, type Facts } from '../../types';
import { insertAttributes } from './attribute-insert';
import type { SyntaxNode } from './parse';
import { attributeOf, literalAttribute, type Resource } from './resources';
import { literalPrefix, literalText, valueSpan } from './strings';

/** Schemes the `archive` type downloads from (puppet:// and local paths are the code's own files). */
const ARCHIVE_REMOTE = /^(?:https?|ftp|s3|gs):\/\//i;
/** The `file` type fetches http(s) sources itself. */
const FILE_REMOTE = /^https?:\/\//i;

/** The attributes that pin a download: the digest's place and, when not yet set, the algorithm's. */
interface ChecksumAttributes {
  /** Where the hex goes: `checksum` (archive) or `checksum_value` (file). */
  value: string;
  /** Where `sha256` goes: `checksum_type` (archive) or `checksum` (file). */
  algorithm: string;
  /** The order the type's documentation writes them in. */
  algorithmFirst: boolean;
}

const ARCHIVE_CHECKSUM: ChecksumAttributes = { value: 'checksum', algorithm: 'checksum_type', algorithmFirst: false };
const FILE_CHECKSUM: ChecksumAttributes = { value: 'checksum_value', algorithm: 'checksum', algorithmFirst: true };

/** `archive { source => 'https://…' }` without `checksum` or `checksum_url` (or with `checksum_verify => false`). */
export function addArchiveFacts(resource: Resource, text: string, facts: Facts): void {
  if (literalAttribute(resource, 'ensure') === 'absent') return;
  const verifyOff = literalAttribute(resource, 'checksum_verify') === 'false';
  const verified = attributeOf(resource, 'checksum', 'checksum_url') !== undefined && !verifyOff;
  const source = attributeOf(resource, 'source')?.value;
  if (!source) return;
  const download = remoteDownload(source, ARCHIVE_REMOTE, 'archive', verified);
  if (!download) return;
  if (!verified) {
    if (verifyOff) download.pinBlocker = '`checksum_verify => false` switches the check off: remove it';
    else pinDownload(resource, [source], ARCHIVE_CHECKSUM, text, download);
  }
  facts.downloads.push(download);
}

/** `file { source => 'https://…' }` (or an array of sources) without `checksum_value`. */
export function addFileSourceFacts(resource: Resource, text: string, facts: Facts): void {
  const source = attributeOf(resource, 'source')?.value;
  if (!source || literalAttribute(resource, 'ensure') === 'absent') return;
  const verified = attributeOf(resource, 'checksum_value') !== undefined;
  const sources = source.type === 'array' ? source.namedChildren : [source];
  for (const element of sources) {
    const download = remoteDownload(element, FILE_REMOTE, 'file', verified);
    if (!download) continue;
    if (!verified) pinDownload(resource, sources, FILE_CHECKSUM, text, download);
    facts.downloads.push(download);
  }
}

/** A source whose literal beginning names a remote scheme; the rest may be interpolated (a version, a mirror path). */
function remoteDownload(node: SyntaxNode, remote: RegExp, how: 'archive' | 'file', verified: boolean): Download | undefined {
  const prefix = literalPrefix(node);
  if (prefix === undefined || !remote.test(prefix)) return undefined;
  return { url: literalText(node) ?? node.text, span: valueSpan(node), how, verified };
}

/** `checksum => 'sha256'`-style attributes with the hex (the algorithm kept when it already says sha256), or why not. */
function pinDownload(resource: Resource, sources: readonly SyntaxNode[], names: ChecksumAttributes, text: string, download: Download): void {
  const url = literalText(sources[0]);
  const algorithm = attributeOf(resource, names.algorithm);
  const algorithmText = literalText(algorithm?.value);
  let blocker: string | undefined;
  if (resource.form !== 'declaration' || !resource.alone) blocker = 'the resource shares its attributes with others (a title array or a function call); declare it on its own';
  else if (sources.length > 1) blocker = 'the resource has several sources, and one checksum must match each of them';
  else if (url === undefined) blocker = 'the URL is built from variables';
  else if (!/^https?:\/\//i.test(url)) blocker = 'only an HTTP(S) URL can be downloaded to learn its checksum';
  else if (algorithm && algorithmText?.toLowerCase() !== 'sha256') blocker = `its \`${names.algorithm}\` is not \`sha256\`: set it to sha256 or remove it`;
  if (blocker) {
    download.pinBlocker = blocker;
    return;
  }
  const value: [string, string] = [names.value, `'${CHECKSUM_PLACEHOLDER}'`];
  const sha256: Array<[string, string]> = algorithm ? [] : [[names.algorithm, "'sha256'"]];
  download.pin = insertAttributes(resource, names.algorithmFirst ? [...sha256, value] : [value, ...sha256], text);
}
