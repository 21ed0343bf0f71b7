/**
 * Writes `JSON.stringify(document, null, 2)` where `document` holds `items` at the place of the string `slot`,
 * in pieces: the items are stringified one at a time and written in batches, so the whole text is never built.
 */
export function writeJsonWithItems(document: unknown, slot: string, items: readonly unknown[], write: (text: string) => void): void {
  const text = JSON.stringify(document, null, 2);
  const quoted = JSON.stringify(slot);
  const at = text.indexOf(quoted);
  if (at < 0) throw new Error(`writeJsonWithItems: the slot ${quoted} is not in the document`);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = ' '.repeat(text.slice(lineStart).search(/\S/));
  const itemIndent = `${indent}  `;
  write(text.slice(0, at));
  if (items.length === 0) write('[]');
  else {
    let batch = '[\n';
    for (let i = 0; i < items.length; i++) {
      batch += itemIndent + JSON.stringify(items[i], null, 2).replace(/\n/g, `\n${itemIndent}`) + (i < items.length - 1 ? ',\n' : `\n${indent}]`);
      if (batch.length > BATCH_CHARS) {
        write(batch);
        batch = '';
      }
    }
    write(batch);
  }
  write(text.slice(at + quoted.length));
}

const BATCH_CHARS = 1 << 20;
