/**
 * A YAML stream cut into its documents from the text alone. A line that starts with `---` or `...` (then a
 * space or the line's end) is a document marker wherever it stands, even inside a block scalar or a quoted
 * string, so cutting there is exact, and each document can be parsed on its own.
 *
 * CustomResourceDefinition documents are marked on the way: they are schemas, run no container and hold no pod
 * spec, config data or host path, so no rule can find anything in them, yet they are most of the bytes of real
 * manifest bundles (argo-cd's install.yaml, kube-prometheus' setup/). They are left unparsed; the price is that
 * a syntax error inside one is not reported. A line at column 0 that starts with `kind:` is a key of the
 * document's root mapping. Only lines that start at column 0 are looked at, so the indented bulk of a document
 * costs one `indexOf` per line.
 */

export interface TextChunk {
  start: number;
  end: number;
  /** A CustomResourceDefinition, skipped. */
  schema: boolean;
}

const CRD_KIND = /^kind:[ \t]*(["']?)CustomResourceDefinition\1[ \t]*(?:#.*)?$/;
const API_VERSION = /^apiVersion:[ \t]*\S/;

/**
 * The stream cut at its document markers (`---` starts a chunk, `...` ends one), schemas marked; undefined
 * when a line starts with `%` (a directive applies to the document after it: the stream is parsed whole).
 */
export function documentChunks(text: string): TextChunk[] | undefined {
  const chunks: TextChunk[] = [];
  let start = 0;
  let crdKinds = 0;
  let otherKinds = 0;
  let apiVersion = false;
  const close = (end: number) => {
    if (end > start) chunks.push({ start, end, schema: crdKinds > 0 && otherKinds === 0 && apiVersion });
    start = end;
    crdKinds = 0;
    otherKinds = 0;
    apiVersion = false;
  };
  for (let at = 0; at < text.length; ) {
    let next = text.indexOf('\n', at);
    next = next < 0 ? text.length : next + 1;
    switch (text.charCodeAt(at)) {
      case 0x25: // %
        return undefined;
      case 0x2d: // -
        if (isMarker(text, at, '---')) close(at);
        break;
      case 0x2e: // .
        if (isMarker(text, at, '...')) close(next);
        break;
      case 0x6b: // k
        if (text.startsWith('kind:', at)) {
          if (CRD_KIND.test(lineText(text, at, next))) crdKinds++;
          else otherKinds++;
        }
        break;
      case 0x61: // a
        if (API_VERSION.test(lineText(text, at, next))) apiVersion = true;
        break;
    }
    at = next;
  }
  close(text.length);
  return chunks;
}

/** The line from `at` to `next` (the next line's start) without its line break. */
function lineText(text: string, at: number, next: number): string {
  let end = next;
  if (text.charCodeAt(end - 1) === 0x0a) end--;
  if (text.charCodeAt(end - 1) === 0x0d) end--;
  return text.slice(at, end);
}

function isMarker(text: string, at: number, marker: string): boolean {
  if (!text.startsWith(marker, at)) return false;
  const after = text.charCodeAt(at + 3);
  return Number.isNaN(after) || after === 0x20 || after === 0x09 || after === 0x0d || after === 0x0a;
}
