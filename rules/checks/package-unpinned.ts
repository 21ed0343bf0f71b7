import type { FileKind, PackageInstall, Rule, RuleFinding } from '../types';

/** How each manager spells a pinned version, for the message. */
const PIN_SYNTAX: Readonly<Record<string, (name: string) => string>> = {
  'apt-get': (n) => `${n}=<version>`,
  apt: (n) => `${n}=<version>`,
  aptitude: (n) => `${n}=<version>`,
  apk: (n) => `${n}=<version>`,
  yum: (n) => `${n}-<version>`,
  dnf: (n) => `${n}-<version>`,
  microdnf: (n) => `${n}-<version>`,
  tdnf: (n) => `${n}-<version>`,
  zypper: (n) => `${n}=<version>`,
  pip: (n) => `${n}==<version>`,
  npm: (n) => `${n}@<version>`,
  gem: (n) => `${n} -v <version>`,
  go: (n) => `${n}@v<version>`,
  'cloud-init': (n) => `[${n}, <version>]`,
};

function pinned(install: PackageInstall, kind: FileKind): string {
  if (kind === 'chef') return `${install.manager} '${install.name}' do version '<version>' end`;
  if (kind === 'puppet') return `package { '${install.name}': ensure => '<version>' }`;
  return PIN_SYNTAX[install.manager]?.(install.name) ?? `${install.name} at a fixed version`;
}

/** `apt-get install curl`, `pip install flask`, Chef `package 'x'` without a version. */
export const packageUnpinned: Rule = {
  id: 'package-unpinned',
  title: 'Package installed without a version',
  severity: { dockerfile: 'info', host: 'info', terraform: 'info', ci: 'info', puppet: 'info' },
  summary: 'A package installed without a version (`apt-get install x`, `pip install x`, `npm install -g x`, `gem install x`, `go install x@latest`).',
  docs: [
    'Without a version, the package manager installs whatever is newest when the build or the run happens.',
    'Two builds of the same Dockerfile then differ, and a bug can appear without any change to the code.',
    '',
    'Pin the version (`curl=8.5.0-2`, `flask==3.0.0`, `typescript@5.4.5`, `gem install rails -v 7.1.3`,',
    '`go install x@v1.2.3`), or install from a lock file (`pip install -r requirements.txt` with hashes,',
    '`npm ci`). In a Dockerfile, language packages count more than OS packages: distribution updates within',
    'a release are conservative, registry releases are not, so pip, npm, gem and go installs are warnings.',
  ].join('\n'),
  check(facts, layer) {
    return facts.packageInstalls
      .filter((install) => install.version === undefined)
      .map((install): RuleFinding => {
        const finding: RuleFinding = {
          span: install.span,
          message: `\`${install.name}\` is installed without a version (${install.manager}): each build or run may get a different one. Pin it: \`${pinned(install, facts.kind)}\`.`,
          fixes: [],
        };
        if ((layer === 'dockerfile' || layer === 'ci') && install.ecosystem === 'language') finding.severity = 'warning';
        return finding;
      });
  },
};
