import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { readHcl, type SyntaxNode } from '../../rules/front-ends/terraform/parse';
import type { Span } from '../../rules/types';
import { ready } from './support';

before(ready);

/** The attribute values of the file's first block, by name, as the readers get them. */
function values(root: SyntaxNode): Map<string, SyntaxNode> {
  const block = root.children.find((c) => c.type === 'body')?.children.find((c) => c.type === 'block');
  const body = block?.children.find((c) => c.type === 'body');
  const out = new Map<string, SyntaxNode>();
  for (const attribute of body?.children ?? []) {
    const [name, , value] = attribute.children;
    if (attribute.type === 'attribute' && name && value) out.set(name.text, value);
  }
  return out;
}

function valueOf(read: Map<string, SyntaxNode>, name: string): SyntaxNode {
  const value = read.get(name);
  assert.ok(value, `the block has ${name}`);
  return value;
}

/** A node and everything below it, positions counted from the node's start. */
function shape(node: SyntaxNode, base = node.startIndex): string {
  const inner = node.children.map((c) => shape(c, base)).join(' ');
  return `(${node.type}@${node.startIndex - base}-${node.endIndex - base}${inner ? ` ${inner}` : ''})`;
}

const texts = (text: string, spans: Span[]): string[] => spans.map((s) => text.slice(s.start, s.end));

// An attribute's value is copied from the tree when first read, through the copy's one cursor.
const VALUE = '[ # inside\n    "nginx:1.25", { a = [1, # nested\n      2] },\n    upper("x"),\n  ]';
const FILE = ['resource "docker_container" "c" {', `  image = ${VALUE}`, `  tags = ${VALUE}`, '  # between', '}', ''].join('\n');

describe('the copy of a Terraform tree', () => {
  test('values read in any order read as written, nested values too', () => {
    readHcl(FILE, ({ root }) => {
      const read = values(root);
      const tags = read.get('tags');
      const image = read.get('image');
      assert.ok(image && tags);
      assert.equal(shape(tags), shape(image));
      assert.match(shape(image), /^\(expression@0-\d+ \(collection_value@0-\d+ \(tuple@0-\d+ \(tuple_start@0-1\) \(comment@2-10\)/);
      assert.match(shape(image), /\(function_call@\d+-\d+ \(identifier@\d+-\d+\)/, 'nested values are copied when read');
      assert.equal(image.text, VALUE);
    });
  });

  test("a value's comments count once it is read", () => {
    readHcl(FILE, ({ root, comments }) => {
      const read = values(root);
      assert.deepEqual(texts(FILE, comments()), ['# between']);
      read.get('image')?.children;
      assert.deepEqual(texts(FILE, comments()), ['# inside', '# between'], 'a comment inside an unread nested value does not count');
      shape(valueOf(read, 'image'));
      assert.deepEqual(texts(FILE, comments()), ['# inside', '# nested', '# between']);
      shape(valueOf(read, 'tags'));
      assert.deepEqual(texts(FILE, comments()), ['# inside', '# nested', '# inside', '# nested', '# between']);
    });
  });

  test('a value nested too deep is cut where it is read, and is no syntax error', () => {
    const deep = `${'['.repeat(600)}"x"${']'.repeat(600)}`;
    const file = `resource "docker_container" "c" {\n  image = ${deep}\n  tags = ${deep}\n}\n`;
    const depthOf = (node: SyntaxNode): number => {
      let depth = 0;
      for (let at: SyntaxNode | undefined = node; at; at = at.children.find((c) => c.children.length > 0)) depth++;
      return depth;
    };
    readHcl(file, ({ root, error }) => {
      assert.equal(error, undefined);
      const read = values(root);
      const image = read.get('image');
      const tags = read.get('tags');
      assert.ok(image && tags);
      assert.equal(depthOf(image), depthOf(tags));
      assert.ok(depthOf(image) > 400 && depthOf(image) < 500, `cut before the bottom: ${depthOf(image)} levels`);
    });
  });

  test('a value read after the tree is released is an error', () => {
    const kept = readHcl(FILE, ({ root }) => values(root));
    for (const name of ['image', 'tags']) {
      assert.throws(() => kept.get(name)?.children, /read after its syntax tree was released/, name);
    }
  });
});
