import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parseRuby } from '../../rules/front-ends/chef/prism';
import { findResources } from '../../rules/front-ends/chef/resources';
import { argvTextMap, shellTextMap, staticText } from '../../rules/front-ends/chef/ruby-strings';
import { RubySource } from '../../rules/front-ends/chef/source';
import type { OffsetMap } from '../../rules/shell/offset-map';
import { rubyNodes } from '../../rules/front-ends/chef/prism';
import { ready } from './support';

before(ready);

/** The shell text of the first resource's first argument, and a way to see where a piece of it sits in the file. */
function mapOf(recipe: string): { map: OffsetMap; fileTextOf: (shellPiece: string) => string } {
  const source = new RubySource(recipe);
  const [resource] = findResources(parseRuby(recipe).value, source);
  const map = shellTextMap(resource.args[0], source);
  assert.ok(map, `a shell text for ${JSON.stringify(recipe)}`);
  const fileTextOf = (piece: string): string => {
    const at = map.text.indexOf(piece);
    assert.ok(at >= 0, `${JSON.stringify(piece)} in ${JSON.stringify(map.text)}`);
    return recipe.slice(map.toFile(at), map.toFile(at + piece.length, true));
  };
  return { map, fileTextOf };
}

describe('Ruby strings as shell text', () => {
  test('single quotes: only \\\\ and \\\' are escapes', () => {
    const { map, fileTextOf } = mapOf("execute 'echo it\\'s \\\\ and \\n here'");
    assert.equal(map.text, "echo it's \\ and \\n here");
    assert.equal(fileTextOf("it's"), "it\\'s");
    assert.equal(fileTextOf('here'), 'here');
  });

  test('double quotes: escapes become the characters Ruby makes of them, each mapped to its escape', () => {
    const { map, fileTextOf } = mapOf('execute "sh -c \\"apt-get upgrade\\"\\nyum update \\x41\\u00e9 \\$HOME"');
    assert.equal(map.text, 'sh -c "apt-get upgrade"\nyum update Aé $HOME');
    assert.equal(fileTextOf('"apt-get upgrade"'), '\\"apt-get upgrade\\"');
    assert.equal(fileTextOf('yum update'), 'yum update');
    assert.equal(fileTextOf('Aé'), '\\x41\\u00e9');
  });

  test('interpolation is an expansion: words holding it are dynamic', () => {
    const { map, fileTextOf } = mapOf('execute "apt-get install -y #{node[\'pkg\']} && apt-get upgrade"');
    assert.equal(map.text, 'apt-get install -y $_ && apt-get upgrade');
    assert.equal(fileTextOf('$_'), "#{node['pkg']}");
    assert.equal(fileTextOf('apt-get upgrade'), 'apt-get upgrade');
  });

  test('%q, %Q and %() literals', () => {
    assert.equal(mapOf('execute %q(echo \\) done)').map.text, 'echo ) done');
    assert.equal(mapOf('execute %Q[yum -y update #{x}]').map.text, 'yum -y update $_');
    assert.equal(mapOf('execute %(apt-get "upgrade")').map.text, 'apt-get "upgrade"');
  });

  test('heredocs: <<-, <<~ (indentation Ruby strips is skipped), quoted <<~\'EOS\' keeps backslashes', () => {
    const dash = mapOf("execute <<-EOH\n    apt-get update\n    apt-get upgrade -y\n  EOH\n");
    assert.equal(dash.map.text, '    apt-get update\n    apt-get upgrade -y\n');
    assert.equal(dash.fileTextOf('apt-get upgrade -y'), 'apt-get upgrade -y');
    const squiggly = mapOf('bash_like <<~EOH\n    apt-get update \\\n      && yum update\n  EOH\n');
    assert.equal(squiggly.map.text, 'apt-get update   && yum update\n');
    assert.equal(squiggly.fileTextOf('yum update'), 'yum update');
    const quoted = mapOf("execute <<~'EOS'\n  echo \\n #{x}\n  EOS\n");
    assert.equal(quoted.map.text, 'echo \\n #{x}\n');
  });

  test('.strip on a heredoc, adjacent literals, CRLF line ends read as LF', () => {
    assert.equal(mapOf("execute <<~EOS.strip\n  apk upgrade\nEOS\n").map.text, 'apk upgrade\n');
    assert.equal(mapOf("execute 'apt-get ' \"upgrade\"").map.text, 'apt-get upgrade');
    const crlf = mapOf('execute <<~EOH\r\n  apt-get update\r\n  apt-get upgrade\r\nEOH\r\n');
    assert.equal(crlf.map.text, 'apt-get update\napt-get upgrade\n');
    assert.equal(crlf.fileTextOf('apt-get upgrade'), 'apt-get upgrade');
  });

  test('backticks and %x() are double-quoted shell text', () => {
    assert.equal(mapOf('x `apt-get \\"upgrade\\" #{y}`').map.text, 'apt-get "upgrade" $_');
    assert.equal(mapOf('x %x(yum update)').map.text, 'yum update');
  });

  test('not a string (a method call, a variable): no shell text', () => {
    const recipe = 'execute command_for(node)';
    const source = new RubySource(recipe);
    const [resource] = findResources(parseRuby(recipe).value, source);
    assert.equal(shellTextMap(resource.args[0], source), undefined);
  });

  test('the argv form: one quoted word per element, mapped to the element', () => {
    const recipe = "execute 'x' do\n  command ['apt-get', 'upgrade', \"-y\", node['flag'], \"it's\"]\nend\n";
    const source = new RubySource(recipe);
    const [resource] = findResources(parseRuby(recipe).value, source);
    const array = resource.properties[0].args[0];
    assert.ok(array instanceof rubyNodes().ArrayNode);
    const map = argvTextMap(array.elements, source);
    assert.equal(map.text, "'apt-get' 'upgrade' '-y' $_ 'it'\\''s'");
    const at = map.text.indexOf("'upgrade'");
    assert.equal(recipe.slice(map.toFile(at), map.toFile(at + "'upgrade'".length, true)), "'upgrade'");
  });

  test('staticText: literals and symbols, not interpolation', () => {
    const recipe = "x 'a', :b, \"c#{d}\", 'e' 'f', 'g'.freeze, h";
    const source = new RubySource(recipe);
    const [resource] = findResources(parseRuby(recipe).value, source);
    assert.deepEqual(resource.args.map((a) => staticText(a)), ['a', 'b', undefined, 'ef', 'g', undefined]);
  });
});
