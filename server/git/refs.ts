// What `ls-refs` answers (gitprotocol-v2): `<oid> <refname>[ symref-target:<ref>][ peeled:<oid>]` per line.
import { GitFailure } from './failure';
import { packetText, type Packet } from './pkt-line';

export interface AdvertisedRef {
  name: string;
  /** The object the ref names: a commit, or an annotated tag object. */
  oid: string;
  /** For an annotated tag: the commit it points to. */
  peeled?: string;
}

const OID = /^[0-9a-f]{40}$/;
/** A ref name as git allows it, restricted to printable ASCII without spaces (what we may print or write). */
const REF_NAME = /^refs\/[\x21-\x7e]+$/;

/** Parses the refs of an `ls-refs` answer; a line that is not exactly the grammar makes the answer malformed. */
export function parseLsRefs(packets: readonly Packet[], where: string): AdvertisedRef[] {
  const refs: AdvertisedRef[] = [];
  for (const packet of packets) {
    if (packet.kind === 'flush') return refs;
    const line = packetText(packet);
    if (line === undefined) throw new GitFailure('malformed', `${where} sent an unexpected packet in its ls-refs answer`);
    const [oid, name, ...attributes] = line.split(' ');
    if (!OID.test(oid ?? '') || !REF_NAME.test(name ?? '')) throw new GitFailure('malformed', `${where} sent a ref line that is not \`<oid> <refname>\``);
    const ref: AdvertisedRef = { name, oid };
    for (const attribute of attributes) {
      if (attribute.startsWith('peeled:') && OID.test(attribute.slice(7))) ref.peeled = attribute.slice(7);
      else if (!attribute.startsWith('symref-target:')) throw new GitFailure('malformed', `${where} sent an unknown ref attribute`);
    }
    refs.push(ref);
  }
  throw new GitFailure('malformed', `${where} ended its ls-refs answer without a flush`);
}

/** Checks the `info/refs` advertisement: `# service=git-upload-pack`, then protocol v2 offering `ls-refs`. */
export function checkAdvertisement(packets: readonly Packet[], where: string): void {
  const lines = packets.map((p) => (p.kind === 'data' ? packetText(p) : p.kind));
  const start = lines[0] === '# service=git-upload-pack' && lines[1] === 'flush' ? 2 : 0;
  if (lines[start] !== 'version 2') throw new GitFailure('malformed', `${where} does not speak git protocol version 2`);
  if (!lines.slice(start + 1).some((l) => l === 'ls-refs' || l?.startsWith('ls-refs='))) {
    throw new GitFailure('malformed', `${where} does not offer the ls-refs command`);
  }
}

/** The commit a ref's entry points to: the peeled commit of an annotated tag, else the oid itself. */
export function commitOf(ref: AdvertisedRef): string {
  return ref.peeled ?? ref.oid;
}
