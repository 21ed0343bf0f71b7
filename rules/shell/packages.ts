import type { PackageEcosystem } from '../types';
import type { ShellCommand, ShellWord } from './types';
import { programName } from './wrappers';
import { appendAll } from '../arrays';

/** One package named on an install command line. */
export interface NamedPackage {
  manager: string;
  ecosystem: PackageEcosystem;
  name: string;
  version?: string;
  word: ShellWord;
}

/** Which option words take the next word as their value, for one package manager. */
interface Options {
  short: string;
  long: readonly string[];
}

/** The positional (non-option) words of `args`, skipping options and their values. */
function positional(args: readonly ShellWord[], options: Options): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === undefined) {
      out.push(args[i]);
      continue;
    }
    if (v === '--') {
      appendAll(out, args.slice(i + 1));
      break;
    }
    if (v.startsWith('--')) {
      if (!v.includes('=') && options.long.includes(v)) i++;
      continue;
    }
    if (v.length > 1 && v.startsWith('-')) {
      const valueAt = [...v.slice(1)].findIndex((c) => options.short.includes(c));
      if (valueAt === v.length - 2) i++;
      continue;
    }
    out.push(args[i]);
  }
  return out;
}

/** The value of `-s VALUE`, `-sVALUE`, `--long VALUE` or `--long=VALUE`; '' when the option has no static value. */
function optionValue(args: readonly ShellWord[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value ?? '';
    if (v === `-${short}` || v === long) return args[i + 1]?.value ?? '';
    if (v.startsWith(`${long}=`)) return v.slice(long.length + 1);
    if (v.startsWith(`-${short}`) && !v.startsWith('--')) return v.slice(2);
  }
  return undefined;
}

const APT_OPTIONS: Options = { short: 'octa', long: ['--option', '--config-file', '--target-release', '--default-release', '--host-architecture'] };
const APK_OPTIONS: Options = {
  short: 'tXp',
  long: ['--virtual', '--repository', '--root', '--keys-dir', '--arch', '--cache-dir', '--repositories-file'],
};
const RPM_OPTIONS: Options = {
  short: 'cdexR',
  long: ['--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--exclude', '--repo', '--repoid', '--setopt', '--debuglevel', '--errorlevel', '--downloaddir', '--destdir', '--forcearch'],
};
const ZYPPER_OPTIONS: Options = { short: 'rtC', long: ['--repo', '--type', '--from', '--root', '--installroot', '--config'] };
const PIP_OPTIONS: Options = {
  short: 'rcieftb',
  long: [
    '--requirement', '--constraint', '--index-url', '--extra-index-url', '--find-links', '--trusted-host', '--target', '--prefix',
    '--root', '--src', '--platform', '--python-version', '--implementation', '--abi', '--only-binary', '--no-binary', '--progress-bar',
    '--cache-dir', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--cert', '--client-cert', '--editable',
    '--upgrade-strategy', '--config-settings', '--global-option', '--install-option', '--report', '--python', '--build',
  ],
};
const NPM_OPTIONS: Options = {
  short: 'w',
  long: ['--prefix', '--registry', '--cache', '--tag', '--workspace', '--omit', '--include', '--loglevel', '--userconfig', '--install-strategy'],
};
const GEM_OPTIONS: Options = {
  short: 'invsPg',
  long: ['--install-dir', '--bindir', '--version', '--source', '--platform', '--trust-policy', '--file', '--document'],
};

const isPath = (v: string) => /^[./~]/.test(v) || v.includes('://') || v.startsWith('file:');

/** `x=1.2` (apt, apk `=`/`~`), the value after the separator, or none. */
function splitAt(word: ShellWord, value: string, pattern: RegExp, manager: string, ecosystem: PackageEcosystem): NamedPackage {
  const m = pattern.exec(value);
  if (!m || m.index === 0) return { manager, ecosystem, name: value, word };
  return { manager, ecosystem, name: value.slice(0, m.index), version: value.slice(m.index + m[0].length), word };
}

function apt(manager: string, args: readonly ShellWord[]): NamedPackage[] {
  return positional(args, APT_OPTIONS)
    .slice(1)
    .filter((w) => w.value !== undefined && !isPath(w.value) && !w.value.endsWith('.deb'))
    .map((w) => splitAt(w, w.value!, /=/, manager, 'os'));
}

function apk(args: readonly ShellWord[]): NamedPackage[] {
  return positional(args, APK_OPTIONS)
    .slice(1)
    .filter((w) => w.value !== undefined && !isPath(w.value) && !w.value.endsWith('.apk'))
    .map((w) => splitAt(w, w.value!, /[=~]/, 'apk', 'os'));
}

/** RPM `name-version[-release]`: a `-` followed by a version with a dot, optionally a numeric release. */
const RPM_VERSION = /-(?=(?:\d+:)?\d[\w+~^]*\.[\w.+~^]*(?:-\d[\w.+~^]*)?\*?$)/;

function rpm(manager: string, words: readonly ShellWord[]): NamedPackage[] {
  return words
    .filter((w) => w.value !== undefined && !isPath(w.value) && !w.value.endsWith('.rpm') && !w.value.startsWith('@'))
    .map((w) => {
      const value = w.value!;
      const constraint = /[<>]=?|=/.exec(value);
      if (constraint && constraint.index > 0) {
        const name = value.slice(0, constraint.index);
        return { manager, ecosystem: 'os', name, version: constraint[0] === '=' ? value.slice(constraint.index + 1) : undefined, word: w };
      }
      return splitAt(w, value, RPM_VERSION, manager, 'os');
    });
}

/** PEP 508 requirement: only `==`/`===` with a concrete version pins. */
function pip(args: readonly ShellWord[]): NamedPackage[] {
  if (optionValue(args, 'c', '--constraint') !== undefined) return [];
  return positional(args, PIP_OPTIONS)
    .slice(1)
    .filter((w) => w.value !== undefined && !isPath(w.value) && !/\.(whl|zip|tar\.gz|tgz)$/.test(w.value) && !/^(git|hg|svn|bzr)\+/.test(w.value))
    .filter((w) => !/@\s*\w+:\/\//.test(w.value!))
    .map((w) => {
      const requirement = w.value!.split(';')[0].trim();
      const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(requirement);
      const name = m ? m[1] : requirement;
      const pinned = m ? /^===?\s*[^*,\s]+$/.exec(m[3]) : null;
      return { manager: 'pip', ecosystem: 'language', name, version: pinned ? m![3].replace(/^===?\s*/, '') : undefined, word: w };
    });
}

/** An exact npm version (`1.2.3`, `v1.2.3-rc.1`); ranges and dist-tags (`latest`, `^1`) are not pins. */
const NPM_EXACT = /^v?\d+\.\d+\.\d+([-+][\w.-]+)?$/;

function npm(args: readonly ShellWord[]): NamedPackage[] {
  return positional(args, NPM_OPTIONS)
    .slice(1)
    .filter((w) => w.value !== undefined && !isPath(w.value) && !/\.(tgz|tar\.gz)$/.test(w.value))
    .filter((w) => !/^(git\+|github:|gitlab:|bitbucket:|https?:)/.test(w.value!) && !/^[^@][^/]*\//.test(w.value!))
    .map((w) => {
      const value = w.value!;
      const at = value.indexOf('@', 1);
      const name = at > 0 ? value.slice(0, at) : value;
      const spec = at > 0 ? value.slice(at + 1) : undefined;
      return { manager: 'npm', ecosystem: 'language', name, version: spec && NPM_EXACT.test(spec) ? spec : undefined, word: w };
    });
}

function gem(args: readonly ShellWord[]): NamedPackage[] {
  const version = optionValue(args, 'v', '--version');
  return positional(args, GEM_OPTIONS)
    .slice(1)
    .filter((w) => w.value !== undefined && !isPath(w.value) && !w.value.endsWith('.gem'))
    .map((w) => {
      const [name, inline] = w.value!.split(':');
      return { manager: 'gem', ecosystem: 'language', name, version: inline ?? version, word: w };
    });
}

/** `go install x@latest` (or a branch): unpinned; `x@v1.2.3` or a commit: pinned; `./cmd` (no `@`) is local. */
function go(args: readonly ShellWord[]): NamedPackage[] {
  return args
    .slice(1)
    .filter((w) => w.value !== undefined && !w.value.startsWith('-') && w.value.includes('@'))
    .map((w) => {
      const [name, ref] = w.value!.split('@');
      const pinned = /^v\d+\.\d+\.\d+/.test(ref) || /^[0-9a-f]{12,40}$/.test(ref);
      return { manager: 'go', ecosystem: 'language', name, version: pinned ? ref : undefined, word: w };
    });
}

const PIP = /^pip(\d+(\.\d+)*)?$/;
const NO_OPTIONS: Options = { short: '', long: [] };

/** The packages a command installs, or [] when it installs none. */
export function installedPackages(command: ShellCommand): NamedPackage[] {
  const name = programName(command.name.value ?? '');
  const args = command.args;
  const sub = subcommand(command);
  switch (name) {
    case 'apt-get':
    case 'apt':
    case 'aptitude':
      return sub === 'install' ? apt(name, args) : [];
    case 'apk':
      return sub === 'add' ? apk(args) : [];
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf':
      return sub === 'install' ? rpm(name, positional(args, RPM_OPTIONS).slice(1)) : [];
    case 'zypper':
      return sub === 'install' || sub === 'in' ? rpm(name, positional(args, ZYPPER_OPTIONS).slice(1)) : [];
    case 'npm':
      return sub === 'install' || sub === 'i' || sub === 'add' ? npm(args) : [];
    case 'gem':
      return sub === 'install' ? gem(args) : [];
    case 'go':
      return sub === 'install' || sub === 'get' ? go(args) : [];
    default:
      return PIP.test(name) && sub === 'install' ? pip(args) : [];
  }
}

const OPTIONS_FOR: Readonly<Record<string, Options>> = {
  'apt-get': APT_OPTIONS,
  apt: APT_OPTIONS,
  aptitude: APT_OPTIONS,
  apk: APK_OPTIONS,
  yum: RPM_OPTIONS,
  dnf: RPM_OPTIONS,
  microdnf: RPM_OPTIONS,
  tdnf: RPM_OPTIONS,
  zypper: ZYPPER_OPTIONS,
  npm: NPM_OPTIONS,
  gem: GEM_OPTIONS,
};

/** The subcommand: the first positional word, with the manager's options skipped. */
export function subcommand(command: ShellCommand): string | undefined {
  const name = programName(command.name.value ?? '');
  const options = OPTIONS_FOR[name] ?? (PIP.test(name) ? PIP_OPTIONS : NO_OPTIONS);
  return positional(command.args, options)[0]?.value;
}

/** The positional words after the subcommand. */
export function operands(command: ShellCommand): ShellWord[] {
  const name = programName(command.name.value ?? '');
  return positional(command.args, OPTIONS_FOR[name] ?? (PIP.test(name) ? PIP_OPTIONS : NO_OPTIONS)).slice(1);
}
