import type { Node } from '@ruby/prism';
import { lineBreakOf } from '../../text';
import { CHECKSUM_PLACEHOLDER, type Download, type Facts, type TextEdit } from '../../types';
import { rubyNodes } from './prism';
import { propertyOf, type Property, type Resource } from './resources';
import { staticText, valueSpan } from './ruby-strings';
import type { RubySource } from './source';

const LOCAL = /^(?:file:|\/|\\\\|[A-Za-z]:[\\/])/;

/** `remote_file` sources (one or several URLs); verified when the resource sets a `checksum`. */
export function addRemoteFileFacts(resource: Resource, source: RubySource, facts: Facts): void {
  const P = rubyNodes();
  const sources = propertyOf(resource, 'source');
  if (!sources) return;
  const verified = propertyOf(resource, 'checksum') !== undefined;
  const urls: Node[] = sources.args.flatMap((arg) => (arg instanceof P.ArrayNode ? arg.elements : [arg]));
  const remote = urls.filter((node) => {
    const url = staticText(node);
    return url === undefined || !LOCAL.test(url);
  });
  for (const node of remote) {
    const url = staticText(node);
    const span = valueSpan(node, source);
    const download: Download = { url: url ?? source.slice(span), span, how: 'remote_file', verified };
    if (!verified) {
      const blocker = checksumBlocker(url, remote.length);
      if (blocker) download.pinBlocker = blocker;
      else download.pin = [checksumPropertyEdit(sources, source)];
    }
    facts.downloads.push(download);
  }
}

function checksumBlocker(url: string | undefined, sources: number): string | undefined {
  if (url === undefined) return 'the URL is built at run time (interpolation or a variable)';
  if (sources > 1) return 'the resource has several sources, and one `checksum` must match each of them';
  if (!/^https?:\/\//i.test(url)) return 'only an HTTP(S) URL can be downloaded to learn its checksum';
  return undefined;
}

/**
 * `checksum '<hex>'` on a new line after the `source` call, at its indentation; after it on the same line
 * (`; checksum '<hex>'`) when `source` shares its line with other code (`do source '…' end`).
 */
function checksumPropertyEdit(property: Property, source: RubySource): TextEdit {
  const text = source.text;
  const call = source.nodeSpan(property.call);
  const lineStart = text.lastIndexOf('\n', call.start - 1) + 1;
  const indent = text.slice(lineStart, call.start);
  const lineEnd = endOfLine(text, call.end);
  const rest = text.slice(call.end, lineEnd).trim();
  if (!/^[ \t]*$/.test(indent) || (rest !== '' && !rest.startsWith('#'))) {
    return { span: { start: call.end, end: call.end }, newText: `; checksum '${CHECKSUM_PLACEHOLDER}'` };
  }
  const eol = lineBreakOf(text);
  if (lineEnd === text.length) return { span: { start: lineEnd, end: lineEnd }, newText: `${eol}${indent}checksum '${CHECKSUM_PLACEHOLDER}'` };
  const next = text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : lineEnd + 1;
  return { span: { start: next, end: next }, newText: `${indent}checksum '${CHECKSUM_PLACEHOLDER}'${eol}` };
}

/** The offset of the line break (or the end of the text) after `offset`. */
function endOfLine(text: string, offset: number): number {
  const match = /\r?\n|\r/.exec(text.slice(offset));
  return match ? offset + match.index : text.length;
}
