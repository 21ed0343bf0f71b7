// Text from findings (workspace content) and from the network made safe to put in the report's HTML.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

// C0 and C1 controls but tab and line feed, DEL, line and paragraph separators, and the bidirectional formatting characters.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Control and bidirectional characters shown as visible `\xNN` / `\u{…}` escapes, so no text can hide or reorder what follows it. */
export function visibleControls(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** The only link targets a message may carry: an absolute https URL, as the URL parser normalizes it. */
export function safeLinkTarget(target: string): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.href : undefined;
}

// A code span (a run of backticks closed by a run of the same length), **strong**, *emphasis* or [text](target).
const INLINE = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\*\*(?=\S)([\s\S]*?\S)\*\*|\*(?=[^\s*])([^*]*?[^\s*])\*|\[([^\[\]]+)\]\(([^()\s]+)\)/g;

/**
 * A finding's message as HTML, with the little Markdown messages use: `code`, **strong**, *emphasis* and
 * [links](https://…). Everything else is escaped; controls are made visible; a link whose target is not an
 * https URL stays literal text, and a safe one carries its target in `data-external` for the panel to open
 * (through VS Code's own confirmation), never as an `href` the webview would follow.
 */
export function inlineMarkdown(text: string): string {
  return renderInline(visibleControls(text));
}

function renderInline(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const [whole, , code, strong, emphasis, linkText, linkTarget] = match;
    html += escapeHtml(text.slice(last, match.index));
    last = match.index + whole.length;
    if (code !== undefined) html += `<code>${escapeHtml(code)}</code>`;
    else if (strong !== undefined) html += `<strong>${renderInline(strong)}</strong>`;
    else if (emphasis !== undefined) html += `<em>${renderInline(emphasis)}</em>`;
    else html += link(linkText, linkTarget, whole);
  }
  return html + escapeHtml(text.slice(last));
}

function link(text: string, target: string, whole: string): string {
  const href = safeLinkTarget(target);
  if (href === undefined) return escapeHtml(whole);
  return `<a href="#" class="external" data-external="${escapeHtml(href)}" title="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}
