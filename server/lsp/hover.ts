import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { LineIndex } from '../../rules/text';
import type { LintedDocument } from './code-actions';
import type { Pinner } from './pinning';

/** On an image reference that was looked up this session: what its tag points to now. */
export function imageHover(doc: LintedDocument, position: Position, pinner: Pinner): Hover | null {
  const facts = doc.result?.facts;
  if (!facts) return null;
  const lines = new LineIndex(doc.text);
  const offset = lines.offset(position);
  const image = facts.images.find((i) => i.span.start <= offset && offset <= i.span.end);
  if (!image) return null;
  const tagged = image.text.split('@')[0];
  const rows: string[] = [];
  for (const platform of new Set([undefined, image.platform])) {
    const known = pinner.known(tagged, platform);
    if (!known) continue;
    const what = platform ? `\`${tagged}\` (${platform})` : `\`${tagged}\``;
    const when = `looked up at ${known.at.toISOString().slice(11, 19)} UTC`;
    let row = `${what} resolves to \`${known.digest}\` (${when})`;
    if (image.digest && !platform) row += image.digest === known.digest ? '; the pinned digest is current.' : `; the file pins \`${image.digest}\`: the tag has moved.`;
    rows.push(row);
  }
  if (rows.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: rows.join('\n\n') }, range: lines.range(image.span) };
}
