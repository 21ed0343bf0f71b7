// Git's pkt-line framing (gitprotocol-common): four hex digits of length (the four included), then the payload;
// `0000` flush, `0001` delimiter, `0002` response end.

export type Packet = { kind: 'data'; payload: Buffer } | { kind: 'flush' } | { kind: 'delim' } | { kind: 'response-end' };

/** The largest pkt-line git writes or accepts: 65520 bytes, header included. */
const MAX_PACKET = 65520;
const HEADER = /^[0-9a-f]{4}$/;

export const FLUSH = '0000';
export const DELIM = '0001';

/** One data pkt-line of text (the caller adds the `\n` git expects after each line). */
export function pktLine(text: string): string {
  const length = Buffer.byteLength(text) + 4;
  if (length > MAX_PACKET) throw new Error(`pkt-line of ${length} bytes exceeds ${MAX_PACKET}`);
  return length.toString(16).padStart(4, '0') + text;
}

/** Splits a response into packets; throws on a malformed or truncated frame (the bytes are untrusted). */
export function readPackets(body: Buffer): Packet[] {
  const packets: Packet[] = [];
  let at = 0;
  while (at < body.length) {
    const header = body.toString('latin1', at, at + 4);
    if (header.length < 4 || !HEADER.test(header)) throw new Error(`bad pkt-line header at byte ${at}`);
    const length = Number.parseInt(header, 16);
    if (length === 0) packets.push({ kind: 'flush' });
    else if (length === 1) packets.push({ kind: 'delim' });
    else if (length === 2) packets.push({ kind: 'response-end' });
    else if (length < 4 || length > MAX_PACKET || at + length > body.length) throw new Error(`bad pkt-line length ${length} at byte ${at}`);
    else packets.push({ kind: 'data', payload: body.subarray(at + 4, at + length) });
    at += length < 4 ? 4 : length;
  }
  return packets;
}

/** A data packet's text without its trailing `\n`. */
export function packetText(packet: Packet): string | undefined {
  if (packet.kind !== 'data') return undefined;
  const text = packet.payload.toString('utf8');
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
