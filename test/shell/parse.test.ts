import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OffsetMap } from '../../rules/shell/offset-map';
import { parseShell } from '../../rules/shell/parse';
import type { ShellCommand } from '../../rules/shell/types';
import { applyEdits } from '../../rules/text';


function parse(text: string) {
  return parseShell(OffsetMap.identity(text, 0));
}

function named(text: string, name: string): ShellCommand {
  const found = parse(text).commands.find((c) => c.name.value === name);
  assert.ok(found, `no ${name} command in ${JSON.stringify(text)}`);
  return found;
}

const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);
const values = (c: ShellCommand) => [c.name.value, ...c.args.map((a) => a.value)];

describe('commands', () => {
  test('walks &&, ||, ;, pipelines, subshells, groups, if/for/while/case bodies and substitutions', () => {
    const text = [
      'a1 && a2 || a3; a4 | a5',
      '(b1; b2) && { b3; }',
      'if c1; then c2; elif c3; then c4; else c5; fi',
      'for x in 1 2; do d1; done; while d2; do d3; done',
      'case "$x" in a) e1 ;; *) e2 ;; esac',
      'f1 "$(f2)" `f3` <(f4)',
      '! g1 && V=$(g2)',
    ].join('\n');
    const names = parse(text).commands.map((c) => c.name.value);
    assert.deepEqual(names, [
      'a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3', 'c4', 'c5', 'd1', 'd2', 'd3', 'e1', 'e2', 'f1', 'f2', 'f3', 'f4', 'g1', 'g2',
    ]);
  });

  test('words lose their quotes; a word with an expansion has no value', () => {
    const text = `cmd 'a b' "c d" e\\ f "g"h $'i\\tj' $X "$Y" \${Z} "k\\"l" 12`;
    const cmd = parse(text).commands[0];
    assert.deepEqual(values(cmd), ['cmd', 'a b', 'c d', 'e f', 'gh', 'i\tj', undefined, undefined, undefined, 'k"l', '12']);
    assert.deepEqual(cmd.args.map((a) => a.raw), ["'a b'", '"c d"', 'e\\ f', '"g"h', "$'i\\tj'", '$X', '"$Y"', '${Z}', '"k\\"l"', '12']);
    assert.equal(at(text, cmd.args[0].span), "'a b'");
  });

  test('unwraps sudo with its flags, env with assignments, nice, timeout, xargs and python -m pip', () => {
    assert.deepEqual(values(named('sudo -E -u root apt-get upgrade -y', 'apt-get')), ['apt-get', 'upgrade', '-y']);
    assert.deepEqual(values(named('env -i A=1 B=2 apt upgrade', 'apt')), ['apt', 'upgrade']);
    assert.deepEqual(values(named('nice -n 10 yum update', 'yum')), ['yum', 'update']);
    assert.deepEqual(values(named('timeout -s KILL 60 apk upgrade', 'apk')), ['apk', 'upgrade']);
    assert.deepEqual(values(named('cat list | xargs -r -n 1 apt-get install -y', 'apt-get')), ['apt-get', 'install', '-y']);
    const pip = named('python3 -u -m pip install requests', 'pip');
    assert.deepEqual(values(pip), ['pip', 'install', 'requests']);
    assert.equal(pip.span.start, 0, 'the span starts at the wrapper');
  });

  test('`command -v x` is a lookup, not a run of x', () => {
    assert.deepEqual(parse('command -v apt-get').commands.map((c) => c.name.value), ['command']);
    assert.deepEqual(parse('command apt-get upgrade').commands.map((c) => c.name.value), ['apt-get']);
  });

  test('`sh -c` and `bash -c` bodies are parsed, with spans in the file', () => {
    const text = `RUN sh -c 'apt-get update && apt-get upgrade -y' && bash -euo pipefail -c "yum \\"update\\""`;
    const script = parseShell(OffsetMap.identity(text.slice(4), 4));
    const names = script.commands.map((c) => c.name.value);
    assert.deepEqual(names, ['sh', 'apt-get', 'apt-get', 'bash', 'yum']);
    const upgrade = script.commands[2];
    assert.equal(at(text, upgrade.span), 'apt-get upgrade -y');
    assert.deepEqual(values(upgrade), ['apt-get', 'upgrade', '-y']);
    const yum = script.commands[4];
    assert.deepEqual(values(yum), ['yum', 'update']);
    assert.equal(at(text, yum.args[0].span), '\\"update\\"');
  });

  test('words that only look like commands are arguments', () => {
    const names = parse(`echo "apt-get upgrade"; log 'yum update'; printf '%s' "$(echo apk upgrade)"`).commands.map((c) => c.name.value);
    assert.deepEqual(names, ['echo', 'log', 'printf', 'echo']);
  });

  test('a pipeline tells each command what it feeds', () => {
    const text = 'curl -fsSL https://x.sh | sudo bash -s -- --yes';
    const [curl, bash] = parse(text).commands;
    assert.deepEqual(curl.pipedInto?.pipeline.commands.slice(curl.pipedInto.next), [bash]);
    assert.equal(at(text, curl.pipedInto!.pipeline.span), text);
    assert.equal(bash.pipedInto, undefined);
  });

  test('the stages of a long pipeline share one pipeline, each pointing past itself', () => {
    const text = `${'curl https://x.test/a | '.repeat(1_000)}sh`;
    const commands = parse(text).commands;
    assert.equal(commands.length, 1_001);
    const pipeline = commands[0].pipedInto?.pipeline;
    assert.deepEqual(pipeline?.commands, commands);
    assert.ok(commands.slice(0, 1_000).every((c, i) => c.pipedInto?.pipeline === pipeline && c.pipedInto.next === i + 1));
    assert.equal(commands[1_000].pipedInto, undefined);
  });

  test('a CRLF line break is not part of the last word of its line', () => {
    const text = 'apt-get update \\\r\n  && apt-get upgrade -y\r\ncurl -fsSL https://x.test/install.sh\r';
    const [update, upgrade, curl] = parse(text).commands;
    assert.deepEqual(values(update), ['apt-get', 'update']);
    assert.equal(at(text, upgrade.span), 'apt-get upgrade -y');
    assert.deepEqual(values(curl), ['curl', '-fsSL', 'https://x.test/install.sh']);
    assert.equal(at(text, curl.span), 'curl -fsSL https://x.test/install.sh');
  });

  test('spans map through an offset map with several pieces', () => {
    const file = 'RUN apt-get update \\\n && apt-get install -y curl';
    const map = new OffsetMap().append('apt-get update ', 4).append(' && apt-get install -y curl', 21);
    const install = parseShell(map).commands[1];
    assert.equal(at(file, install.span), 'apt-get install -y curl');
    assert.equal(at(file, install.args[2].span), 'curl');
  });

  test('broken shell reports an error and keeps what it could read', () => {
    const script = parse('apt-get install -y curl && (');
    assert.equal(script.hasError, true);
    assert.ok(script.commands.some((c) => c.name.value === 'apt-get'));
  });

  test('substitutions nested a few deep are all read; hundreds deep, the walk stops and says the script was not fully read', () => {
    const nested = (depth: number) => `${'echo $('.repeat(depth)}apt-get upgrade${')'.repeat(depth)}`;
    const few = parse(nested(5));
    assert.equal(few.hasError, false);
    assert.deepEqual(few.commands.map((c) => c.name.value), ['echo', 'echo', 'echo', 'echo', 'echo', 'apt-get']);
    // 200 deep is valid shell the parser reads without an error, but each level re-reads the text inside it.
    const deep = parse(nested(200));
    assert.equal(deep.hasError, true);
    assert.ok(deep.commands.length < 201);
  });
});

describe('removal', () => {
  const removed = (text: string, name: string, arg?: string) => {
    const cmd = parse(text).commands.find((c) => c.name.value === name && (arg === undefined || c.args[0]?.value === arg));
    assert.ok(cmd?.removal, `no removal for ${name} in ${JSON.stringify(text)}`);
    return applyEdits(text, cmd.removal);
  };

  test('a command leaves an && chain with its operator, first, middle or last', () => {
    assert.equal(removed('a && b && c', 'a'), 'b && c');
    assert.equal(removed('a && b && c', 'b'), 'a && c');
    assert.equal(removed('a && b && c', 'c'), 'a && b');
  });

  test('the continuation line it sat on disappears, the rest stays byte-identical', () => {
    const leading = 'apt-get update \\\n    && apt-get upgrade -y \\\n    && apt-get install -y curl';
    assert.equal(removed(leading, 'apt-get', 'upgrade'), 'apt-get update \\\n    && apt-get install -y curl');
    const trailing = 'apt-get update && \\\n    apt-get upgrade -y && \\\n    apt-get install -y curl';
    assert.equal(removed(trailing, 'apt-get', 'upgrade'), 'apt-get update && \\\n    apt-get install -y curl');
  });

  test('; and newline lists, redirects go with their command', () => {
    assert.equal(removed('a; b > /dev/null 2>&1; c', 'b'), 'a; c');
    assert.equal(removed('a\nb\nc\n', 'b'), 'a\nc\n');
    assert.equal(removed('a && b > log', 'b'), 'a');
    assert.equal(removed('a && b > log', 'a'), 'b > log');
  });

  test('a here-document goes with its command, and stays with the command before', () => {
    assert.equal(removed('cat <<EOF > /etc/x\n# not a comment\nEOF\napt-get upgrade -y\n', 'apt-get'), 'cat <<EOF > /etc/x\n# not a comment\nEOF\n');
    assert.equal(removed('apt-get upgrade -y\ncat <<EOF\nbody\nEOF\n', 'cat'), 'apt-get upgrade -y\n');
    assert.equal(removed('a && cat <<EOF && b\nbody\nEOF\n', 'b'), 'a && cat <<EOF\nbody\nEOF\n');
  });

  test('a comment between two commands stays when the second goes', () => {
    assert.equal(removed('a\n# why b\nb\n', 'b'), 'a\n# why b\n');
    assert.equal(removed('a\n# why b\nb\nc\n', 'b'), 'a\n# why b\nc\n');
  });

  test('inside if bodies and sh -c strings', () => {
    assert.equal(removed('if x; then a; b; fi', 'b'), 'if x; then a; fi');
    assert.equal(removed(`sh -c 'a && b' && c`, 'b'), `sh -c 'a' && c`);
    assert.equal(removed(`x && sh -c 'b'`, 'b'), 'x', 'a lone command in sh -c goes with the sh -c');
  });

  test('no removal where it would change what runs or break the syntax', () => {
    const none = (text: string, name: string) =>
      assert.equal(parse(text).commands.find((c) => c.name.value === name)?.removal, undefined, text);
    none('b', 'b');
    none('a || b', 'b');
    none('b || a', 'b');
    none('a | b', 'b');
    none('if b; then a; fi', 'b');
    none('if x; then b; fi', 'b');
    none('a $(b; c)', 'b');
    none('a & b', 'b');
    none('! b && a', 'b');
    none('cat <<EOF; b\nbody\nEOF\nc', 'b');
    none('cat <<EOF; a\nbody\nEOF\nb', 'b');
  });

  test('the only command of the script is marked as the whole script', () => {
    assert.equal(parse('sudo apt-get upgrade -y > /dev/null').commands[0].wholeScript, true);
    assert.equal(parse(`sh -c 'apt-get upgrade -y'`).commands[1].wholeScript, true);
    assert.equal(parse('a && b').commands[0].wholeScript, undefined);
    assert.equal(parse('a | b').commands[0].wholeScript, undefined);
  });
});
