import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { REPO_ROOT } from '../support/requirements';

interface ModuleImport {
  specifier: string;
  typeOnly: boolean;
}

/** Every module a source imports or re-exports, with whether the import is erased at compile time. */
function importsIn(name: string, text: string): ModuleImport[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: ModuleImport[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        found.push({ specifier: node.arguments[0].text, typeOnly: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function importsOf(file: string): ModuleImport[] {
  return importsIn(file, readFileSync(file, 'utf8'));
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The repository-relative module a relative specifier names, without extension; undefined for packages. */
function target(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(REPO_ROOT, resolve(dirname(file), specifier)).replace(/\.ts$/, '');
}

test('client/ imports nothing from server/ but server/protocol', () => {
  const crossings = typeScriptFiles(join(REPO_ROOT, 'client')).flatMap((file) =>
    importsOf(file)
      .map((i) => target(file, i.specifier))
      .filter((t): t is string => t !== undefined && t.startsWith('server/') && t !== 'server/protocol')
      .map((t) => `${relative(REPO_ROOT, file)} -> ${t}`),
  );
  assert.deepEqual(crossings, []);
});

test('server/protocol.ts imports only types, so the client bundle takes no server code with it', () => {
  const file = join(REPO_ROOT, 'server', 'protocol.ts');
  const valueImports = importsOf(file)
    .filter((i) => !i.typeOnly)
    .map((i) => i.specifier);
  assert.deepEqual(valueImports, []);
});

test('the import scan sees value, type, re-export, dynamic and require imports', () => {
  const text = [
    "import { a } from './a';",
    "import type { B } from './b';",
    "export { c } from './c';",
    "export type { D } from './d';",
    "const e = await import('./e');",
    "const f = require('./f');",
  ].join('\n');
  assert.deepEqual(
    importsIn('sample.ts', text).map((i) => `${i.specifier}${i.typeOnly ? ' type' : ''}`),
    ['./a', './b type', './c', './d type', './e', './f'],
  );
});
