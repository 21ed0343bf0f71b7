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

/** How to pin it in this file's language, or undefined when the manager's syntax is unknown (Ansible's generic `package`). */
function pinned(install: PackageInstall, kind: FileKind): string | undefined {
  if (kind === 'chef') return `${install.manager} '${install.name}' do version '<version>' end`;
  if (kind === 'puppet') return `package { '${install.name}': ensure => '<version>' }`;
  return PIN_SYNTAX[install.manager]?.(install.name);
}

/** The unversioned packages of one install command, task or resource, in file order. */
function groups(installs: readonly PackageInstall[]): PackageInstall[][] {
  const byGroup = new Map<string, PackageInstall[]>();
  for (const install of installs) {
    if (install.version !== undefined) continue;
    const key = `${install.group.start}:${install.group.end}`;
    const group = byGroup.get(key);
    if (group) group.push(install);
    else byGroup.set(key, [install]);
  }
  return [...byGroup.values()];
}

function listed(words: readonly string[]): string {
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function message(group: readonly PackageInstall[], kind: FileKind): string {
  const names = listed(group.map((install) => `\`${install.name}\``));
  const pins = group.map((install) => pinned(install, kind));
  const how = pins.every((pin) => pin !== undefined) ? `: ${listed(pins.map((pin) => `\`${pin}\``))}` : ' to an exact version';
  const verb = group.length === 1 ? 'is' : 'are';
  const from = [...new Set(group.map((install) => install.from).filter((f) => f !== undefined))];
  const where = from.length > 0 ? ` (from ${listed(from)})` : '';
  return `${names}${where} ${verb} installed without a version (${group[0].manager}): each build or run may get a different one. Pin ${group.length === 1 ? 'it' : 'them'}${how}.`;
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
    '',
    'There is one finding per install command, task or resource, on its first unversioned package; the message names',
    'every unversioned package of it, and each is a related location.',
  ].join('\n'),
  check(facts, layer) {
    return groups(facts.packageInstalls).map((group): RuleFinding => {
      const finding: RuleFinding = { span: group[0].span, message: message(group, facts.kind), fixes: [] };
      if (new Set(group.map((install) => install.span.start)).size > 1) finding.related = group.map((install) => ({ span: install.span, message: `\`${install.name}\` has no version` }));
      if ((layer === 'dockerfile' || layer === 'ci') && group.some((install) => install.ecosystem === 'language')) finding.severity = 'warning';
      return finding;
    });
  },
};
