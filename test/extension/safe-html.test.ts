import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, inlineMarkdown, safeLinkTarget, visibleControls } from '../../client/safe-html';

test('messages render their inline code, strong and emphasis', () => {
  assert.equal(inlineMarkdown('Pin `ubuntu:latest` by **digest**, not *tag*.'), 'Pin <code>ubuntu:latest</code> by <strong>digest</strong>, not <em>tag</em>.');
  assert.equal(inlineMarkdown('**`curl` and `wget`** unpinned'), '<strong><code>curl</code> and <code>wget</code></strong> unpinned');
  assert.equal(inlineMarkdown('a ``code with ` inside`` b'), 'a <code>code with ` inside</code> b');
});

test('text that is not Markdown stays as written, escaped', () => {
  assert.equal(inlineMarkdown('2 * 3 * 4, an ` alone, snake_case_name'), '2 * 3 * 4, an ` alone, snake_case_name');
  assert.equal(inlineMarkdown('a < b && c > "d" \'e\''), 'a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;');
});

test('hostile workspace text cannot inject markup, wherever it stands', () => {
  const script = '<script>alert(1)</script>';
  assert.equal(inlineMarkdown(script), '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.equal(inlineMarkdown(`\`${script}\``), '<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>');
  assert.equal(inlineMarkdown(`**${script}**`), '<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>');
  assert.equal(inlineMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(
    inlineMarkdown('[x](https://a.example/"onmouseover="alert`1`)'),
    '<a href="#" class="external" data-external="https://a.example/%22onmouseover=%22alert%601%60" title="https://a.example/%22onmouseover=%22alert%601%60">x</a>',
  );
  assert.equal(inlineMarkdown('[x](https://a.example/"onmouseover="alert(1))'), '[x](https://a.example/&quot;onmouseover=&quot;alert(1))');
});

test('only https links become links, and never as an href the webview would follow', () => {
  assert.equal(
    inlineMarkdown('see [the docs](https://docs.example/pin?a=1&b=2)'),
    'see <a href="#" class="external" data-external="https://docs.example/pin?a=1&amp;b=2" title="https://docs.example/pin?a=1&amp;b=2">the docs</a>',
  );
  for (const target of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'vscode:extension/x', 'command:workbench.action.quit', 'file:///etc/passwd', 'http://plain.example/', '//evil.example/x', 'https://user:pw@host.example/']) {
    const html = inlineMarkdown(`[click](${target})`);
    assert.doesNotMatch(html, /<a /, `${target} is not a link`);
    assert.equal(html, escapeHtml(`[click](${target})`));
  }
  assert.equal(safeLinkTarget('https://host.example/a b'), 'https://host.example/a%20b');
  assert.equal(safeLinkTarget('not a url'), undefined);
});

test('control and bidirectional characters are shown, not obeyed', () => {
  assert.equal(visibleControls('a\u0000b\u001b[31mc\u007fd\u202ee\u2066f\u2028g'), 'a\\x00b\\x1b[31mc\\x7fd\\u{202e}e\\u{2066}f\\u{2028}g');
  assert.equal(visibleControls('tab\tand\nnewline'), 'tab\tand\nnewline');
  assert.equal(inlineMarkdown('`rm\u202e -rf`'), '<code>rm\\u{202e} -rf</code>');
  assert.equal(inlineMarkdown('x\r\ny'), 'x\\x0d\ny');
});
