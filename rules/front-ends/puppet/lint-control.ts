import type { Comment, ScopedSuppression } from '../../types';

const CONTROL = /^lint:(ignore:(\S+)|endignore)$/;

/**
 * puppet-lint's control comments as scoped suppressions: `# lint:ignore:<check>` after code silences its own line,
 * on a line of its own it opens a block that the next `# lint:endignore` closes (an unclosed block silences nothing,
 * as in puppet-lint). The checks are given as written and with `_` read as `-`, so `lint:ignore:package_latest` and
 * `lint:ignore:package-latest` both name our rule; the engine keeps our IDs and maps puppet-lint's (`package_ensure`).
 */
export function lintControlSuppressions(comments: readonly Comment[], text: string): ScopedSuppression[] {
  const out: ScopedSuppression[] = [];
  const open: { start: number; ids: string[] }[] = [];
  for (const comment of comments) {
    const controls = leadingControls(comment.text);
    if (controls.length === 0) continue;
    const ids = controls.flatMap((c) => (c.check ? [c.check, c.check.replace(/_/g, '-')] : []));
    const lineStart = text.lastIndexOf('\n', comment.span.start - 1) + 1;
    const afterCode = text.slice(lineStart, comment.span.start).trim().length > 0;
    if (ids.length > 0 && afterCode) out.push({ span: { start: lineStart, end: comment.span.end }, ids });
    else if (ids.length > 0) open.push({ start: comment.span.start, ids });
    if (controls.some((c) => !c.check)) {
      const block = open.pop();
      if (block) out.push({ span: { start: block.start, end: comment.span.end }, ids: block.ids });
    }
  }
  return out;
}

/** The control words at the start of a comment (the words after them are the reason). */
function leadingControls(text: string): { check?: string }[] {
  const controls: { check?: string }[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const control = CONTROL.exec(word);
    if (!control) break;
    controls.push(control[2] === undefined ? {} : { check: control[2] });
  }
  return controls;
}
