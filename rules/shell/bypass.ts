import type { IntegrityBypass, Span } from '../types';
import type { ShellCommand, ShellWord } from './types';
import { programName } from './wrappers';

/** Long flags that turn a check off, per command. */
const FLAGS: Readonly<Record<string, readonly string[]>> = {
  curl: ['--insecure'],
  wget: ['--no-check-certificate'],
  'apt-get': ['--allow-unauthenticated', '--allow-insecure-repositories', '--force-yes'],
  apt: ['--allow-unauthenticated', '--allow-insecure-repositories'],
  aptitude: ['--allow-untrusted'],
  yum: ['--nogpgcheck'],
  dnf: ['--nogpgcheck'],
  microdnf: ['--nogpgcheck'],
  tdnf: ['--nogpgcheck'],
  rpm: ['--nogpgcheck', '--nosignature', '--nodigest'],
  zypper: ['--no-gpg-checks'],
  apk: ['--allow-untrusted'],
};

/** Flags whose value comes with them (`--trusted-host pypi.org`), per command. */
const FLAGS_WITH_VALUE: Readonly<Record<string, readonly string[]>> = {
  pip: ['--trusted-host'],
};

/** apt `-o KEY=VALUE` settings that accept unsigned or unverified repositories. */
function aptSettingBypasses(setting: string): boolean {
  const eq = setting.indexOf('=');
  if (eq < 0) return false;
  const key = setting.slice(0, eq);
  const off = /^(false|0|no)$/i.test(setting.slice(eq + 1));
  if (/^Acquire::https?::Verify-(Peer|Host)$/i.test(key)) return off;
  if (/^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)$/i.test(key)) return !off;
  return false;
}

/** curl's short options that take a value: a `k` after one of them is part of the value. */
const CURL_SHORT_WITH_VALUE = 'AbcCdDeEFHKmoPQrtTuUwxXyYz';

const PIP = /^pip(\d+(\.\d+)*)?$/;

/** The flags in `command` that switch verification off, each with a fix removing it. */
export function integrityBypasses(command: ShellCommand): IntegrityBypass[] {
  let name = programName(command.name.value ?? '');
  if (PIP.test(name)) name = 'pip';
  const words = [command.name, ...command.args];
  const out: IntegrityBypass[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    const v = word.value;
    if (v === undefined) continue;
    if (v === '--') break;
    if (FLAGS[name]?.includes(v)) out.push(bypass(v, word.span, words, i, i));
    const withValue = FLAGS_WITH_VALUE[name]?.find((f) => v === f || v.startsWith(`${f}=`));
    if (withValue) out.push(bypass(withValue, word.span, words, i, v === withValue && i + 1 < words.length ? i + 1 : i));
    if ((name === 'apt-get' || name === 'apt') && (v === '-o' || v.startsWith('-o') || v === '--option')) {
      const attached = v.length > 2 && v !== '--option';
      const setting = attached ? v.slice(2) : words[i + 1]?.value;
      const last = attached ? i : i + 1;
      if (setting && aptSettingBypasses(setting)) {
        out.push(bypass(`-o ${setting}`, { start: word.span.start, end: words[last].span.end }, words, i, last));
      }
    }
    if (name === 'git' && v === '-c' && /^http\.sslVerify=(false|0|no)$/i.test(words[i + 1]?.value ?? '')) {
      out.push(bypass(`-c ${words[i + 1].value}`, { start: word.span.start, end: words[i + 1].span.end }, words, i, i + 1));
    }
    if (name === 'curl' && /^-[a-zA-Z]+$/.test(v)) {
      const k = shortFlagIndex(v, 'k', CURL_SHORT_WITH_VALUE);
      if (k > 0) out.push(v.length === 2 ? bypass('-k', word.span, words, i, i) : clusterLetter(word, k));
    }
  }
  return out;
}

/** Index of `letter` in a short-option cluster, or -1; letters after a value-taking option belong to its value. */
function shortFlagIndex(cluster: string, letter: string, withValue: string): number {
  for (let k = 1; k < cluster.length; k++) {
    if (cluster[k] === letter) return k;
    if (withValue.includes(cluster[k])) return -1;
  }
  return -1;
}

/** Removes words `from..to` with the whitespace before them (back to the previous word's end). */
function bypass(flag: string, span: Span, words: readonly ShellWord[], from: number, to: number): IntegrityBypass {
  const removed = { start: words[from - 1].span.end, end: words[to].span.end };
  const shown = words.slice(from, to + 1).map((w) => w.raw).join(' ');
  return { flag, span, fix: { kind: 'local', title: `Remove \`${shown}\``, edits: [{ span: removed, newText: '' }], preferred: true } };
}

/** `-fsSLk`: the `k` alone, removed from the cluster when the word is written as is. */
function clusterLetter(word: ShellWord, k: number): IntegrityBypass {
  if (word.raw !== word.value || word.span.end - word.span.start !== word.raw.length) {
    const without = word.raw.replace('k', '');
    return { flag: '-k', span: word.span, fix: { kind: 'local', title: `Remove \`k\` from \`${word.raw}\``, edits: [{ span: word.span, newText: without }], preferred: true } };
  }
  const span = { start: word.span.start + k, end: word.span.start + k + 1 };
  return { flag: '-k', span, fix: { kind: 'local', title: `Remove \`k\` from \`${word.raw}\``, edits: [{ span, newText: '' }], preferred: true } };
}
