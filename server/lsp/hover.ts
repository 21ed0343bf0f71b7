import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { LineIndex } from '../../rules/text';
import type { LintedDocument } from './code-actions';
import type { Pinner } from './pinning';

const COMMIT = /^[0-9a-f]{40}$/i;

/** On a pinned commit (an action's `@<sha>`, a checkout's ref) that a pin wrote this session: the ref and tag it came from. */
export function commitHover(doc: LintedDocument, position: Position, pinner: Pinner): Hover | null {
  const facts = doc.result?.facts;
  if (!facts) return null;
  const lines = new LineIndex(doc.text);
  const offset = lines.offset(position);
  const pinned = [...facts.actionRefs.map((a) => ({ ref: a.ref, span: a.span })), ...facts.gitCheckouts.map((c) => ({ ref: c.ref, span: c.span }))].find(
    (p) => p.ref !== undefined && COMMIT.test(p.ref) && p.span.start <= offset && offset <= p.span.end,
  );
  const known = pinned?.ref && pinner.knownCommit(pinned.ref);
  if (!pinned || !known) return null;
  const tag = known.tag ? `tag \`${known.tag}\`` : 'no version tag';
  const value = `\`${pinned.ref}\` is what \`${known.subject}\` pointed to (${tag}; looked up at ${known.at.toISOString().slice(11, 19)} UTC).`;
  return { contents: { kind: MarkupKind.Markdown, value }, range: lines.range(pinned.span) };
}

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
