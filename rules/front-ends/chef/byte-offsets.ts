/**
 * Converts prism's UTF-8 byte offsets into the UTF-16 offsets spans use. The table is built once per file,
 * and only when the file holds a non-ASCII character (otherwise both offsets agree).
 */
export class ByteOffsets {
  private readonly toUtf16: Uint32Array | undefined;

  constructor(text: string) {
    this.toUtf16 = /[^\x00-\x7f]/.test(text) ? buildTable(text) : undefined;
  }

  utf16(byteOffset: number): number {
    if (!this.toUtf16) return byteOffset;
    return this.toUtf16[Math.max(0, Math.min(byteOffset, this.toUtf16.length - 1))];
  }
}

/** byte offset -> UTF-16 offset of the character holding that byte, as TextEncoder encodes the text. */
function buildTable(text: string): Uint32Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let width: number;
    if (c < 0x80) width = 1;
    else if (c < 0x800) width = 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      for (let k = 0; k < 4; k++) bytes.push(i);
      i++;
      continue;
    } else width = 3;
    for (let k = 0; k < width; k++) bytes.push(i);
  }
  bytes.push(text.length);
  return Uint32Array.from(bytes);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
