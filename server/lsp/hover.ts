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
  const rows: string[] = [];
  for (const platform of new Set([undefined, image.platform])) {
    const known = pinner.known(image.text, platform);
    if (known) {
      const what = platform ? `\`${image.text}\` (${platform})` : `\`${image.text}\``;
      rows.push(`${what} resolves to \`${known.digest}\` (looked up at ${known.at.toISOString().slice(11, 19)} UTC)`);
    }
  }
  if (rows.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: rows.join('\n\n') }, range: lines.range(image.span) };
}
