import type { ImageRef, ImageSource, Span } from './types';

/**
 * The Docker reference grammar (distribution/reference): [host[:port]/]path[:tag][@digest].
 * A first component with `.` or `:`, or equal to `localhost`, is a registry host.
 */
export interface ParsedReference {
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** Offsets within the reference text. */
  tagStart?: number;
  digestStart?: number;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;

export function parseImageReference(text: string): ParsedReference | undefined {
  if (text.length === 0 || text.length > 4096) return undefined;
  let rest = text;
  let digest: string | undefined;
  let digestStart: number | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    digestStart = at + 1;
    if (!DIGEST.test(digest)) return undefined;
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      if (!HOST.test(first)) return undefined;
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  const offset = text.length - (digest !== undefined ? digest.length + 1 : 0) - rest.length;
  let tag: string | undefined;
  let tagStart: number | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    tagStart = offset + colon + 1;
    if (!TAG.test(tag)) return undefined;
    rest = rest.slice(0, colon);
  }
  if (rest.length === 0 || !rest.split('/').every((c) => PATH_COMPONENT.test(c))) return undefined;
  return { registry, repository: rest, tag, digest, tagStart, digestStart };
}

export function isSha256Digest(digest: string | undefined): boolean {
  return digest !== undefined && /^sha256:[a-f0-9]{64}$/.test(digest);
}

/** The image fact for a reference read from a file: `text` as it resolves, at `span` in the file. */
export function imageFact(text: string, span: Span, reference: ParsedReference, source: ImageSource): ImageRef {
  return { text, span, registry: reference.registry, repository: reference.repository, tag: reference.tag, digest: reference.digest, source };
}

/** A reference as written without its tag and digest: the name build tools match their artifacts by. */
export function imageName(text: string): string {
  const bare = text.split('@')[0];
  const colon = bare.lastIndexOf(':');
  return colon > bare.lastIndexOf('/') ? bare.slice(0, colon) : bare;
}
