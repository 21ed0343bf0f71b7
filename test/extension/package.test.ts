import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { RULES } from '../../rules/catalogue';
import { activationEvents } from '../../rules/file-kinds';
import { REPO_ROOT } from '../support/requirements';
import { withPackagedVsix } from '../support/vsix';

/** The names in a zip's central directory. */
function zipEntries(zip: Buffer): string[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'corrupt central directory');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

test('the .vsix holds the bundles, WASM, rule pages, README, LICENSE, CHANGELOG and icon, and no sources or node_modules', () => {
  withPackagedVsix((vsix) => {
    const entries = zipEntries(readFileSync(vsix));
    const expected = [
      'extension/package.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/images/icon.png',
      'extension/images/problems-and-rule-page.png',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/cli.js',
      'extension/dist/server-main.js',
      'extension/dist/server-features.js',
      'extension/dist/cli-main.js',
      'extension/dist/prism.js',
      'extension/dist/web-tree-sitter.wasm',
      'extension/dist/prism.wasm',
      'extension/dist/tree-sitter-terraform.wasm',
      'extension/dist/tree-sitter-puppet.wasm',
      'extension/syntaxes/driftless-pragma.tmLanguage.json',
      'extension/docs/rules/README.md',
      ...RULES.map((r) => `extension/docs/rules/${r.id}.md`),
    ];
    for (const name of expected) assert.ok(entries.includes(name), `${name} is missing from the .vsix`);
    const unwanted = entries.filter((e) => /node_modules\/|^extension\/(test|server|client|rules|bench|scripts)\/|\.ts$|\.map$/.test(e));
    assert.deepEqual(unwanted, []);
  });
});

test('package.json contributes every command under the Driftless category, and each is wired to an activation event', () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    activationEvents: string[];
    contributes: { commands: { command: string; category: string }[]; configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> } };
    capabilities: { untrustedWorkspaces: { supported: string } };
  };
  const ids = manifest.contributes.commands.map((c) => c.command);
  assert.deepEqual(ids.sort(), [
    'driftless.auditWorkspace',
    'driftless.exportAuditReport',
    'driftless.fixAllInFile',
    'driftless.openRuleDocumentation',
    'driftless.pinAllImagesInFile',
    'driftless.restartServer',
    'driftless.showOutput',
  ]);
  assert.ok(manifest.contributes.commands.every((c) => c.category === 'Driftless'));
  for (const id of ids) assert.ok(manifest.activationEvents.includes(`onCommand:${id}`), id);
  for (const [key, schema] of Object.entries(manifest.contributes.configuration.properties)) {
    assert.ok(schema.description || schema.markdownDescription, `${key} has no description`);
  }
  const ruleSetting = manifest.contributes.configuration.properties['driftless.rules'] as { properties: Record<string, unknown> };
  assert.deepEqual(Object.keys(ruleSetting.properties).sort(), RULES.map((r) => r.id).sort(), 'driftless.rules lists every rule');
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
});

test("package.json's activation events are the front ends' declared languages and names, plus the commands", () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { activationEvents: string[] };
  const declared = manifest.activationEvents.filter((event) => !event.startsWith('onCommand:'));
  assert.deepEqual(declared, activationEvents(), 'regenerate them from rules/file-kinds.ts activationEvents()');
});

test('rule links open rendered: the installed rule pages, and only they, are associated with the Markdown preview', () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    name: string;
    publisher: string;
    version: string;
    contributes: { configurationDefaults: Record<string, Record<string, string>> };
  };
  const associations = Object.entries(manifest.contributes.configurationDefaults['workbench.editorAssociations']);
  assert.equal(associations.length, 1);
  const [[glob, editor]] = associations;
  assert.equal(editor, 'vscode.markdown.preview.editor');
  // VS Code matches a glob holding a `/` against `<scheme>:<path>`, ignoring case (editorResolverService globMatchesResource).
  const matches = (uri: URL) => picomatch(glob.toLowerCase(), { dot: true })(`${uri.protocol}${uri.pathname}`.toLowerCase());
  const installed = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
  for (const rule of RULES) {
    assert.ok(matches(pathToFileURL(`/home/u/.vscode/extensions/${installed}/docs/rules/${rule.id}.md`)), rule.id);
    assert.ok(matches(new URL(`vscode-remote://host/home/u/.local/share/code-server/extensions/${installed}/docs/rules/${rule.id}.md`)), rule.id);
  }
  for (const other of ['/work/project/docs/rules/x.md', `/home/u/.vscode/extensions/${installed}/README.md`, '/work/driftless/docs/rules/x.md']) {
    assert.ok(!matches(pathToFileURL(other)), other);
  }
});
