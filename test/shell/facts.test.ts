import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addShellFacts, mayHaveShellFacts, type ShellFactOptions } from '../../rules/shell/facts';
import { OffsetMap } from '../../rules/shell/offset-map';
import { parseShell } from '../../rules/shell/parse';
import { applyEdits } from '../../rules/text';
import { emptyFacts, type Facts, type LocalFix } from '../../rules/types';


function factsOf(text: string, options?: ShellFactOptions): Facts {
  const facts = emptyFacts('dockerfile');
  addShellFacts(parseShell(OffsetMap.identity(text, 0)), facts, options);
  return facts;
}

const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

function packages(text: string): string[] {
  return factsOf(text).packageInstalls.map((p) => `${p.manager}:${p.name}${p.version === undefined ? '' : `@${p.version}`}:${p.ecosystem}`);
}

describe('package installs', () => {
  test('apt-get / apt: x vs x=1.2, options and their values skipped, .deb files and expansions skipped', () => {
    assert.deepEqual(packages('apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold -t bookworm curl git=1:2.39 ./x.deb $EXTRA'), [
      'apt-get:curl:os',
      'apt-get:git@1:2.39:os',
    ]);
    assert.deepEqual(packages('apt install -y jq'), ['apt:jq:os']);
    assert.deepEqual(packages('apt-get update && apt-get remove -y jq'), []);
  });

  test('apk add: x vs x=1.2 / x~1.2, --virtual NAME is not a package', () => {
    assert.deepEqual(packages('apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.4-r2 curl~8'), [
      'apk:gcc:os',
      'apk:musl-dev@1.2.4-r2:os',
      'apk:curl@8:os',
    ]);
  });

  test('yum/dnf/microdnf/zypper: name-version pins, names with digits do not', () => {
    assert.deepEqual(packages('yum install -y --setopt=tsflags=nodocs httpd-2.4.57-5.el9 java-11-openjdk java-1.8.0-openjdk @development'), [
      'yum:httpd@2.4.57-5.el9:os',
      'yum:java-11-openjdk:os',
      'yum:java-1.8.0-openjdk:os',
    ]);
    assert.deepEqual(packages('dnf -y install --enablerepo crb nginx'), ['dnf:nginx:os']);
    assert.deepEqual(packages('microdnf install shadow-utils-4.9'), ['microdnf:shadow-utils@4.9:os']);
    assert.deepEqual(packages('zypper --non-interactive in -y vim curl=8.0.1'), ['zypper:vim:os', 'zypper:curl@8.0.1:os']);
  });

  test('pip: x vs x==1.2; -r files, -c constraints, URLs, paths and . pass; python -m pip is pip', () => {
    assert.deepEqual(packages('pip install --no-cache-dir -r requirements.txt -i https://idx flask "django==4.2.7" "requests[socks]>=2" . ./pkg git+https://g/x'), [
      'pip:flask:language',
      'pip:django@4.2.7:language',
      'pip:requests:language',
    ]);
    assert.deepEqual(packages('python3 -m pip install --upgrade pip==23.3.1 setuptools'), ['pip:pip@23.3.1:language', 'pip:setuptools:language']);
    assert.deepEqual(packages('pip3 install -c constraints.txt flask'), []);
    assert.deepEqual(packages('pip install -e .'), []);
  });

  test('npm -g, gem, go install', () => {
    assert.deepEqual(packages('npm install -g --prefix /opt pnpm@8.15.1 yarn typescript@latest @angular/cli@^17 @scope/tool@1.0.0'), [
      'npm:pnpm@8.15.1:language',
      'npm:yarn:language',
      'npm:typescript:language',
      'npm:@angular/cli:language',
      'npm:@scope/tool@1.0.0:language',
    ]);
    assert.deepEqual(packages('npm ci && npm install'), []);
    assert.deepEqual(packages('gem install bundler && gem install rails -v 7.1.2 && gem install rake:13.0.6'), [
      'gem:bundler:language',
      'gem:rails@7.1.2:language',
      'gem:rake@13.0.6:language',
    ]);
    assert.deepEqual(packages('go install golang.org/x/tools/gopls@latest github.com/x/y@v1.2.3 ./cmd/...'), [
      'go:golang.org/x/tools/gopls:language',
      'go:github.com/x/y@v1.2.3:language',
    ]);
  });

  test('the span is the package word', () => {
    const text = 'sudo apt-get install -y "curl"';
    assert.equal(at(text, factsOf(text).packageInstalls[0].span), '"curl"');
  });
});

describe('in-place upgrades', () => {
  const upgrades = (text: string) => factsOf(text).upgrades.map((u) => u.description);

  test('every manager, with wrappers and options before the subcommand', () => {
    assert.deepEqual(
      upgrades(
        [
          'apt-get -y upgrade',
          'sudo apt-get dist-upgrade',
          'apt full-upgrade -y',
          'yum -y update',
          'dnf upgrade --refresh',
          'microdnf update',
          'apk upgrade --no-cache',
          'zypper -n up',
          'zypper dup',
          'zypper patch',
          'pacman -Syu --noconfirm',
        ].join('\n'),
      ),
      [
        'apt-get upgrade',
        'apt-get dist-upgrade',
        'apt full-upgrade',
        'yum update',
        'dnf upgrade',
        'microdnf update',
        'apk upgrade',
        'zypper up',
        'zypper dup',
        'zypper patch',
        'pacman -Syu',
      ],
    );
  });

  test('a package argument makes yum/dnf update an update of that package, not of the system', () => {
    assert.deepEqual(upgrades('yum update -y openssl; dnf upgrade curl; apt-get install -y curl; pacman -S vim'), []);
  });

  test('words that only look like commands are nothing', () => {
    assert.deepEqual(upgrades(`echo "apt-get upgrade"; log 'yum update'; grep -r "apk upgrade" .; # apt-get upgrade`), []);
  });

  test('the span is the command words; the fix takes it out of the chain', () => {
    const text = 'apt-get update \\\n && DEBIAN_FRONTEND=noninteractive apt-get upgrade -y \\\n && apt-get install -y curl';
    const [upgrade] = factsOf(text, { chain: 'the RUN chain' }).upgrades;
    assert.equal(at(text, upgrade.span), 'apt-get upgrade -y');
    assert.equal(upgrade.fix?.title, 'Remove `apt-get upgrade -y` from the RUN chain');
    assert.equal(applyEdits(text, upgrade.fix!.edits), 'apt-get update \\\n && apt-get install -y curl');
  });

  test('the whole-script fix when the upgrade is all there is; none when it cannot be removed alone', () => {
    const wholeRemoval: LocalFix = { kind: 'local', title: 'Remove the RUN instruction', edits: [{ span: { start: 0, end: 5 }, newText: '' }] };
    assert.equal(factsOf('sudo apk upgrade', { wholeRemoval }).upgrades[0].fix, wholeRemoval);
    assert.equal(factsOf('apk upgrade || true', { wholeRemoval }).upgrades[0].fix, undefined);
  });
});

describe('downloads piped to a shell', () => {
  test('curl | sh and wget -O- | bash, span = the pipeline', () => {
    const text = 'apt-get update && curl -fsSL https://get.example.com/install.sh | sudo -E bash -s -- -y && wget -qO- "$URL" | sh';
    const downloads = factsOf(text).downloads;
    assert.deepEqual(
      downloads.map((d) => [d.url, at(text, d.span), d.how, d.verified]),
      [
        ['https://get.example.com/install.sh', 'curl -fsSL https://get.example.com/install.sh | sudo -E bash -s -- -y', 'pipe-to-shell', false],
        ['"$URL"', 'wget -qO- "$URL" | sh', 'pipe-to-shell', false],
      ],
    );
  });

  test('output run as code: bash <(curl …), sh -c "$(curl …)", eval, source', () => {
    const text = 'bash <(curl -fsSL https://a/i.sh) && sh -c "$(curl -fsSL https://b/i.sh)" && eval "$(wget -qO- https://c)" && source <(curl https://d)';
    assert.deepEqual(
      factsOf(text).downloads.map((d) => [d.url, at(text, d.span)]),
      [
        ['https://a/i.sh', 'bash <(curl -fsSL https://a/i.sh)'],
        ['https://b/i.sh', '$(curl -fsSL https://b/i.sh)'],
        ['https://c', 'eval "$(wget -qO- https://c)"'],
        ['https://d', 'source <(curl https://d)'],
      ],
    );
  });

  test('output used as data is not run: echo "$(curl …)", cat <(curl …), VAR=$(curl …)', () => {
    assert.deepEqual(factsOf('echo "$(curl https://w)" && cat <(curl https://v) && V=$(curl https://u) && diff <(wget -qO- https://t) f').downloads, []);
  });

  test('piping into something that is not a shell is not running it', () => {
    assert.deepEqual(factsOf('curl -fsSL https://x/key.gpg | gpg --dearmor -o /k.gpg; curl https://x | sh -c "cat > f"').downloads, []);
  });
});

describe('integrity bypasses', () => {
  const check = (text: string) =>
    factsOf(text).integrityBypasses.map((b) => ({ flag: b.flag, at: at(text, b.span), fixed: applyEdits(text, b.fix!.edits) }));

  test('each flag, its span, and its fix removing it with its leading space', () => {
    assert.deepEqual(check('curl --insecure -o f https://x'), [{ flag: '--insecure', at: '--insecure', fixed: 'curl -o f https://x' }]);
    assert.deepEqual(check('wget --no-check-certificate https://x'), [{ flag: '--no-check-certificate', at: '--no-check-certificate', fixed: 'wget https://x' }]);
    assert.deepEqual(check('apt-get install -y --allow-unauthenticated curl'), [
      { flag: '--allow-unauthenticated', at: '--allow-unauthenticated', fixed: 'apt-get install -y curl' },
    ]);
    assert.deepEqual(check('apt-get -o APT::Get::AllowUnauthenticated=true install x'), [
      { flag: '-o APT::Get::AllowUnauthenticated=true', at: '-o APT::Get::AllowUnauthenticated=true', fixed: 'apt-get install x' },
    ]);
    assert.deepEqual(check('yum install --nogpgcheck -y x'), [{ flag: '--nogpgcheck', at: '--nogpgcheck', fixed: 'yum install -y x' }]);
    assert.deepEqual(check('apk add --allow-untrusted /tmp/x.apk'), [{ flag: '--allow-untrusted', at: '--allow-untrusted', fixed: 'apk add /tmp/x.apk' }]);
    assert.deepEqual(check('pip install --trusted-host pypi.org flask==3.0.0'), [{ flag: '--trusted-host', at: '--trusted-host', fixed: 'pip install flask==3.0.0' }]);
    assert.deepEqual(check('pip install --trusted-host=pypi.org x'), [{ flag: '--trusted-host', at: '--trusted-host=pypi.org', fixed: 'pip install x' }]);
  });

  test('curl -k inside a cluster: the letter is the span and the fix', () => {
    assert.deepEqual(check('curl -fsSLk https://x | sh'), [{ flag: '-k', at: 'k', fixed: 'curl -fsSL https://x | sh' }]);
    assert.deepEqual(check('curl -k https://x'), [{ flag: '-k', at: '-k', fixed: 'curl https://x' }]);
    assert.deepEqual(check('curl -Hk: https://x'), [], 'the k is the value of -H');
  });

  test('a flag on its own continuation line goes with that line', () => {
    assert.deepEqual(check('curl \\\n  --insecure \\\n  https://x'), [{ flag: '--insecure', at: '--insecure', fixed: 'curl \\\n  https://x' }]);
  });

  test('settings that keep verification on, and lookalikes, are nothing', () => {
    assert.deepEqual(check('apt-get -o APT::Get::AllowUnauthenticated=false install x; echo --insecure; grep -k x'), []);
  });
});

describe('config edits', () => {
  test('sed -i, sed --in-place, perl -pi; not sed without -i', () => {
    const text = "sed -i 's/a/b/' /etc/x; sed -Ei.bak 's/a/b/' f; sed --in-place=.orig -e x f; perl -pi -e 's/a/b/' f; sed -n 's/a/b/p' f; sed -e 's/i/j/' f";
    const edits = factsOf(text).configEdits;
    assert.deepEqual(
      edits.map((e) => at(text, e.span)),
      ["sed -i 's/a/b/' /etc/x", "sed -Ei.bak 's/a/b/' f", 'sed --in-place=.orig -e x f', "perl -pi -e 's/a/b/' f"],
    );
  });
});

describe('the pre-check that lets front ends skip parsing', () => {
  test('every command a fact comes from passes it, quoted or behind a path', () => {
    const samples = [
      'apt-get install -y curl', 'apt upgrade', 'aptitude safe-upgrade', 'apk add jq', 'yum update', 'dnf upgrade', 'microdnf update',
      'tdnf update', 'zypper dup', 'pacman -Syu', 'rpm -i --nosignature x.rpm', 'pip3 install flask', 'python3 -m pip install flask',
      'npm install -g x', 'npm i x', 'npm add x', 'gem install x', 'go install x@latest', 'go get github.com/acme/tool@latest', 'python3 -m "pip" install x', 'curl -k https://x', 'wget --no-check-certificate https://x',
      'git -c http.sslVerify=false clone x', "sed -i 's/a/b/' f", 'perl -pi -e 1 f', '/usr/bin/ap"t-get" upgrade', 'sudo -E pip3.11 install x',
    ];
    for (const text of samples) {
      const facts = factsOf(text);
      const found = facts.packageInstalls.length + facts.upgrades.length + facts.integrityBypasses.length + facts.configEdits.length;
      assert.ok(found > 0, `a fact from ${text}`);
      assert.equal(mayHaveShellFacts(text), true, text);
    }
  });

  test('text without such a command is skipped', () => {
    const skipped = ['chmod +x /tini', 'make build && make install', 'node server.js', 'mkdir -p /gopath /app/apt-cache', 'npm ci --omit=dev', 'go mod download && go build ./...', 'python -m compileall .'];
    for (const text of skipped) {
      const facts = factsOf(text);
      assert.equal(facts.packageInstalls.length + facts.upgrades.length + facts.integrityBypasses.length + facts.configEdits.length + facts.downloads.length, 0, text);
      assert.equal(mayHaveShellFacts(text), false, text);
    }
  });
});
