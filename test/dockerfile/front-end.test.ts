import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { classify, initEngine } from '../../rules/engine';
import { hasFileName } from '../../rules/file-names';
import { DOCKERFILE_FILES } from '../../rules/front-ends/files';
import { applyEdits } from '../../rules/text';
import { DIGEST_PLACEHOLDER } from '../../rules/types';
import { assertFixed, at, factsOf, findingsOf, fixture } from './helpers';

before(() => initEngine());

describe('classification by name', () => {
  test('Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile*, *.containerfile, any case, any folder', () => {
    for (const name of ['Dockerfile', 'dockerfile', 'DOCKERFILE', 'Dockerfile.prod', 'api.Dockerfile', 'build/web.dockerfile', 'Containerfile', 'Containerfile.fedora', 'Containerfile-dev', 'web.containerfile', 'C:\\src\\Dockerfile']) {
      assert.equal(hasFileName(DOCKERFILE_FILES, name), true, name);
      assert.equal(classify({ path: name, text: 'FROM x' }), 'dockerfile', name);
    }
  });

  test('look-alikes are not Dockerfiles', () => {
    for (const name of ['Dockerfile.dockerignore', 'dockerfile-ast.js', 'mydockerfile', 'docker-compose.yml', 'Dockerfiles/readme.md']) {
      assert.equal(hasFileName(DOCKERFILE_FILES, name), false, name);
      assert.notEqual(classify({ path: name, text: 'FROM x' }), 'dockerfile', name);
    }
  });
});

describe('images', () => {
  const text = fixture('images.Dockerfile');
  const images = () => factsOf(text).images;

  test('FROM (ARG defaults substituted, --platform, AS), COPY --from, RUN --mount from, # syntax', () => {
    const found = images().map((i) => [i.source, i.text, at(text, i.span)]);
    assert.deepEqual(found, [
      ['syntax', 'docker/dockerfile:1.7', 'docker/dockerfile:1.7'],
      ['from', 'golang:1.22', 'golang:${GO_VERSION}'],
      ['mount-from', 'tonistiigi/xx:1.4.0', 'tonistiigi/xx:1.4.0'],
      ['from', 'node:20-bookworm-slim', '${NODE_IMAGE}'],
      ['from', 'ubuntu', 'ubuntu'],
      ['copy-from', 'busybox:latest', 'busybox:latest'],
      [
        'from',
        'gcr.io/distroless/static-debian12:nonroot@sha256:8dd8d3ca2cf283383304fd45a5c9c74d5f2cd9da8d3b077d720e264880077c65',
        'gcr.io/distroless/static-debian12:nonroot@sha256:8dd8d3ca2cf283383304fd45a5c9c74d5f2cd9da8d3b077d720e264880077c65',
      ],
      ['from', 'registry.example.com:5000/team/base:2024.05', 'registry.example.com:5000/team/base:2024.05'],
    ]);
  });

  test('stage names (FROM build, COPY --from=build, --from=0, mount from=build), scratch and an ARG without default are not images', () => {
    const texts = images().map((i) => i.text);
    for (const absent of ['build', 'assets', '0', 'scratch', '']) assert.ok(!texts.includes(absent), absent);
    assert.equal(images().filter((i) => i.source === 'from').length, 5);
  });

  test('parts of the reference and a literal platform', () => {
    const registry = images().find((i) => i.text.startsWith('registry.example.com'))!;
    assert.deepEqual([registry.registry, registry.repository, registry.tag, registry.digest], ['registry.example.com:5000', 'team/base', '2024.05', undefined]);
    assert.equal(images().find((i) => i.text === 'ubuntu')!.platform, 'linux/amd64');
    assert.equal(images().find((i) => i.text === 'golang:1.22')!.platform, undefined, '$BUILDPLATFORM is not a literal platform');
  });

  test('pin edits write @digest after the tag, or after the ARG default the reference ends with', () => {
    const pinned = (t: string, ref: string) => {
      const image = factsOf(t).images.find((i) => i.text === ref)!;
      assert.ok(image.pin, `a pin for ${ref}`);
      return applyEdits(t, image.pin.map((e) => ({ ...e, newText: e.newText.replace(DIGEST_PLACEHOLDER, 'sha256:0') })));
    };
    assert.equal(pinned('FROM nginx:1.25 AS web\n', 'nginx:1.25'), 'FROM nginx:1.25@sha256:0 AS web\n');
    assert.equal(pinned('FROM ubuntu\n', 'ubuntu'), 'FROM ubuntu@sha256:0\n');
    assert.equal(pinned('ARG TAG="3.12-slim"\nFROM python:${TAG}\n', 'python:3.12-slim'), 'ARG TAG="3.12-slim@sha256:0"\nFROM python:${TAG}\n');
    assert.equal(pinned('ARG BASE=node\nFROM ${BASE}:20\n', 'node:20'), 'ARG BASE=node\nFROM ${BASE}:20@sha256:0\n');
    assert.equal(pinned('# syntax=docker/dockerfile:1\nFROM a:1@sha256:' + 'a'.repeat(64) + '\n', 'docker/dockerfile:1'), '# syntax=docker/dockerfile:1@sha256:0\nFROM a:1@sha256:' + 'a'.repeat(64) + '\n');
  });

  test('a reference whose ARG is used elsewhere too is not pinned automatically, and says why', () => {
    const image = factsOf('ARG V=1.22\nFROM golang:${V}\nFROM golang:${V}-alpine AS x\nRUN echo $V\n').images[0];
    assert.equal(image.pin, undefined);
    assert.match(image.pinBlocker!, /ARG `V`, which is used elsewhere/);
  });

  test('an unresolvable variable skips the image; ${VAR:-default} resolves', () => {
    assert.deepEqual(factsOf('FROM ${REGISTRY}/app:1\n').images, []);
    assert.deepEqual(factsOf('FROM $TARGETPLATFORM\n').images, []);
    assert.deepEqual(factsOf('FROM ${BASE:-alpine:3.19}\n').images.map((i) => i.text), ['alpine:3.19']);
  });
});

describe('RUN', () => {
  test('shell form: the pieces of a continued RUN are one script, comment lines left out', () => {
    const text = 'FROM a@sha256:' + 'a'.repeat(64) + '\nRUN apt-get update \\\n# why\n && apt-get install -y \\\n      curl\n';
    const [install] = factsOf(text).packageInstalls;
    assert.equal(install.name, 'curl');
    assert.equal(at(text, install.span), 'curl');
  });

  test('exec form keeps spaces inside strings (dockerfile-ast drops them) and maps sh -c bodies to the file', () => {
    const text = 'RUN ["sh", "-c", "apk add  --no-cache  jq \\u0026\\u0026 apk upgrade"]\n';
    const facts = factsOf(text);
    assert.deepEqual(facts.packageInstalls.map((p) => [p.name, at(text, p.span)]), [['jq', 'jq']]);
    assert.equal(at(text, facts.upgrades[0].span), 'apk upgrade');
    assert.equal(applyEdits(text, facts.upgrades[0].fix!.edits), 'RUN ["sh", "-c", "apk add  --no-cache  jq"]\n');
  });

  test('exec form without a shell is one command', () => {
    const text = 'RUN ["apt-get", "upgrade", "-y"]\n';
    const [upgrade] = factsOf(text).upgrades;
    assert.equal(at(text, upgrade.span), '"apt-get", "upgrade", "-y"');
    assert.equal(applyEdits(text, upgrade.fix!.edits), '', 'the whole RUN goes');
  });

  test('heredoc bodies are scripts when nothing else reads them; `cat <<EOF > file` bodies are file content', () => {
    const text = 'RUN <<EOF\napk upgrade\napk add curl\nEOF\nRUN bash -e <<EOT\nyum update -y\nEOT\nRUN cat <<EOF > /etc/motd\napt-get upgrade\nEOF\n';
    assert.deepEqual(factsOf(text).upgrades.map((u) => at(text, u.span)), ['apk upgrade', 'yum update -y']);
    assert.deepEqual(factsOf(text).packageInstalls.map((p) => p.name), ['curl']);
  });

  test('a heredoc body with a non-shell #! line is not shell', () => {
    assert.deepEqual(factsOf('RUN <<EOF\n#!/usr/bin/env python3\nprint("apt-get upgrade")\nEOF\n').upgrades, []);
  });

  test('an unterminated heredoc does not crash and its body is still read', () => {
    const text = 'FROM debian:12\nRUN <<EOF\napt-get upgrade -y';
    assert.deepEqual(factsOf(text).upgrades.map((u) => at(text, u.span)), ['apt-get upgrade -y']);
  });

  test('SHELL ["powershell"] turns RUN reading off until the next stage', () => {
    const text = fixture('escape.Dockerfile');
    const facts = factsOf(text);
    assert.deepEqual(facts.downloads, []);
    assert.deepEqual(facts.upgrades.map((u) => at(text, u.span)), ['apt-get upgrade -y']);
  });

  test('ONBUILD RUN and ONBUILD ADD are read as the RUN and ADD they trigger; removing an upgrade that is all of it removes the ONBUILD', () => {
    const text = [
      'FROM alpine:3.20',
      'ONBUILD RUN apk upgrade && \\',
      '  curl -k https://get.example.com/setup.sh | sh',
      'ONBUILD ADD https://example.com/a.tgz /a',
      'ONBUILD RUN apk upgrade',
      'RUN echo done',
      '',
    ].join('\n');
    const facts = factsOf(text);
    assert.deepEqual(facts.upgrades.map((u) => at(text, u.span)), ['apk upgrade', 'apk upgrade']);
    assert.deepEqual(facts.integrityBypasses.map((b) => at(text, b.span)), ['-k']);
    assert.deepEqual(facts.downloads.map((d) => [d.how, at(text, d.span)]), [
      ['pipe-to-shell', 'curl -k https://get.example.com/setup.sh | sh'],
      ['add', 'https://example.com/a.tgz'],
    ]);
    const whole = findingsOf('in-place-upgrade', text)[1];
    assertFixed(text, whole, text.replace('ONBUILD RUN apk upgrade\n', ''));
  });

  test('# escape=` continuations: the removal takes the backtick line', () => {
    const text = fixture('escape.Dockerfile');
    const [upgrade] = factsOf(text).upgrades;
    assert.equal(applyEdits(text, upgrade.fix!.edits), text.replace(' && apt-get upgrade -y `\n', ''));
  });
});

describe('ADD', () => {
  test('URLs without --checksum are unverified downloads at the URL; local sources are nothing', () => {
    const text = fixture('remote.Dockerfile');
    const adds = factsOf(text).downloads.filter((d) => d.how === 'add');
    assert.deepEqual(
      adds.map((d) => [at(text, d.span), d.verified]),
      [
        ['https://github.com/krallin/tini/releases/download/v0.19.0/tini', false],
        ['https://github.com/krallin/tini/releases/download/v0.19.0/tini-static', true],
      ],
    );
  });

  test('git URLs are checkouts with their ref', () => {
    const text = fixture('git.Dockerfile');
    assert.deepEqual(
      factsOf(text).gitCheckouts.map((g) => [g.repo, g.ref]),
      [
        ['https://github.com/moby/buildkit.git', 'master'],
        ['https://github.com/moby/moby.git', undefined],
        ['git@github.com:example/private.git', 'HEAD'],
        ['https://github.com/moby/buildkit.git', 'v0.13.2'],
        ['https://github.com/moby/buildkit.git', '8b2d0ed2bc1de8a67b6a3f5c4b1e29ca3a6c8f4e'],
      ],
    );
  });

  test('exec form ADD: the span is the URL inside the quotes', () => {
    const text = 'ADD ["https://example.com/a b.tgz", "/opt/"]\n';
    assert.deepEqual(factsOf(text).downloads.map((d) => at(text, d.span)), ['https://example.com/a b.tgz']);
  });
});

describe('comments and statements', () => {
  test('every comment, also the ones dockerfile-ast reads as parser directives on the first lines', () => {
    const text = fixture('suppressed.Dockerfile');
    assert.deepEqual(factsOf(text).comments.map((c) => c.text), [
      ' driftless-disable-file remote-unverified',
      ' hadolint ignore=DL3006',
      ' hadolint ignore=DL3008,DL3005',
      " driftless-disable-next-line package-unpinned -- pinned by the base image's snapshot",
    ]);
  });

  test('one statement per instruction, spanning its continuation lines', () => {
    const text = fixture('suppressed.Dockerfile');
    const statements = factsOf(text).statements.map((s) => at(text, s));
    assert.equal(statements.length, 5);
    assert.equal(statements[1], 'RUN apt-get update \\\n    && apt-get upgrade -y \\\n    && apt-get install -y curl');
  });

  test('empty, comment-only and binary-looking text give empty facts', () => {
    for (const text of ['', '# just a comment\n', '\u0000\u0001FROM', 'RUN', 'FROM']) {
      const facts = factsOf(text);
      assert.equal(facts.kind, 'dockerfile');
      assert.deepEqual(facts.upgrades, []);
    }
  });
});
