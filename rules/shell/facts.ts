import type { Facts, LocalFix, Span } from '../types';
import { integrityBypasses } from './bypass';
import { installedPackages, operands, subcommand } from './packages';
import type { ShellCommand, ShellPipeline, ShellScript } from './types';
import { programName, isShell } from './wrappers';
import { appendAll } from '../arrays';

export interface ShellFactOptions {
  /** Removes the script's whole owner (the RUN instruction, the task, the resource): the fix for a command that is the whole script. */
  wholeRemoval?: LocalFix;
  /** How fix titles name the place a command is removed from, e.g. `the RUN chain`. */
  chain?: string;
}

/**
 * Every command name a fact can come from, as a word. Quotes and backslashes are dropped before matching,
 * so `ap"t-get"` still counts; a text without any of them cannot produce a fact and need not be parsed.
 * `python` is not among them: its only facts come from `python -m pip`, which names pip.
 */
const FACT_COMMANDS = /(?<![\w.-])(?:apt|apt-get|aptitude|apk|yum|dnf|microdnf|tdnf|zypper|pacman|rpm|pip[\d.]*|curl|wget|git|sed|perl)(?![\w.-])/;
/** npm, gem and go give facts only through these subcommands, so `npm ci` or `go build` alone need no parse. */
const LANGUAGE_INSTALLERS = /(?<![\w.-])(?:npm|gem|go)(?![\w.-])/;
const INSTALL_SUBCOMMANDS = /(?<![\w.-])(?:install|i|add|get)(?![\w.-])/;

/** A fast, sound pre-check: false means `addShellFacts` would find nothing in this shell text. */
export function mayHaveShellFacts(text: string): boolean {
  const plain = text.replace(/['"\\]/g, '');
  return FACT_COMMANDS.test(plain) || (LANGUAGE_INSTALLERS.test(plain) && INSTALL_SUBCOMMANDS.test(plain));
}

/** Derives the facts every front end with shell in it shares: installs, upgrades, curl|sh, bypass flags, sed -i. */
export function addShellFacts(script: ShellScript, facts: Facts, options: ShellFactOptions = {}): void {
  for (const command of script.commands) {
    const packages = installedPackages(command);
    if (packages.length > 0) {
      const group = commandWords(command);
      for (const p of packages) facts.packageInstalls.push({ manager: p.manager, ecosystem: p.ecosystem, name: p.name, span: p.word.span, version: p.version, group });
    }
    const upgrade = upgradeDescription(command);
    if (upgrade) {
      const span = commandWords(command);
      facts.upgrades.push({ description: upgrade, span, fix: upgradeFix(command, options) });
    }
    const download = pipedDownload(command);
    if (download) facts.downloads.push(download);
    appendAll(facts.integrityBypasses, integrityBypasses(command));
    if (editsInPlace(command)) facts.configEdits.push({ how: `${programName(command.name.value ?? '')} -i`, span: commandWords(command) });
  }
}

/** From the command name (after `sudo`, `env`…) to its last argument. */
function commandWords(command: ShellCommand): Span {
  const last = command.args.length > 0 ? command.args[command.args.length - 1] : command.name;
  return { start: command.name.span.start, end: last.span.end };
}

function upgradeFix(command: ShellCommand, options: ShellFactOptions): LocalFix | undefined {
  if (command.removal) {
    const text = [command.name, ...command.args].map((w) => w.raw).join(' ');
    return { kind: 'local', title: `Remove \`${text}\` from ${options.chain ?? 'the command list'}`, edits: command.removal, preferred: true };
  }
  return command.wholeScript ? options.wholeRemoval : undefined;
}

const APT_UPGRADES = new Set(['upgrade', 'dist-upgrade', 'full-upgrade']);
const RPM_UPGRADES = new Set(['update', 'upgrade', 'upgrade-minimal', 'update-minimal', 'distro-sync', 'distrosync', 'dist-upgrade']);
const ZYPPER_UPGRADES = new Set(['up', 'update', 'patch', 'dup', 'dist-upgrade']);

/** `apt-get upgrade`, `yum update` (no packages), `apk upgrade`, `zypper dup`, `pacman -Syu`: a name for it, or undefined. */
export function upgradeDescription(command: ShellCommand): string | undefined {
  const name = programName(command.name.value ?? '');
  const sub = subcommand(command);
  switch (name) {
    case 'apt-get':
    case 'apt':
      return sub && APT_UPGRADES.has(sub) ? `${name} ${sub}` : undefined;
    case 'aptitude':
      return sub === 'safe-upgrade' || sub === 'full-upgrade' || sub === 'upgrade' ? `${name} ${sub}` : undefined;
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf':
      return sub && RPM_UPGRADES.has(sub) && operands(command).length === 0 ? `${name} ${sub}` : undefined;
    case 'apk':
      return sub === 'upgrade' ? 'apk upgrade' : undefined;
    case 'zypper':
      return sub && ZYPPER_UPGRADES.has(sub) && (sub === 'dup' || sub === 'dist-upgrade' || sub === 'patch' || operands(command).length === 0)
        ? `zypper ${sub}`
        : undefined;
    case 'pacman': {
      const flag = command.args.find((a) => /^-[a-zA-Z]*S[a-zA-Z]*$/.test(a.value ?? '') && (a.value ?? '').includes('u'));
      return flag ? `pacman ${flag.value}` : undefined;
    }
    default:
      return undefined;
  }
}

const FETCHERS = new Set(['curl', 'wget']);

/** `curl … | sh`, `bash <(curl …)`, `sh -c "$(curl …)"`: bytes from the network executed as they arrive. */
function pipedDownload(command: ShellCommand): Facts['downloads'][number] | undefined {
  if (!FETCHERS.has(programName(command.name.value ?? ''))) return undefined;
  const piped = command.pipedInto;
  const intoShell = piped !== undefined && lastShellIn(piped.pipeline) >= piped.next;
  const span = intoShell ? piped.pipeline.span : command.executedBy;
  if (!span) return undefined;
  const url = command.args.find((a) => /^[a-z][a-z0-9+.-]*:\/\//i.test(a.value ?? '')) ?? command.args.find((a) => a.value === undefined);
  return { url: url ? (url.value ?? url.raw) : '', span, how: 'pipe-to-shell', verified: false };
}

const lastShells = new WeakMap<ShellPipeline, number>();

/**
 * The index of the pipeline's last command that runs its input as a script (a shell without `-c`), or -1:
 * found once per pipeline, so a pipeline of n downloads is read in n steps, not n².
 */
function lastShellIn(pipeline: ShellPipeline): number {
  let last = lastShells.get(pipeline);
  if (last === undefined) {
    last = -1;
    pipeline.commands.forEach((c, i) => {
      if (isShell(c.name.value) && !c.args.some((a) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a.value ?? ''))) last = i;
    });
    lastShells.set(pipeline, last);
  }
  return last;
}

/** `sed -i`, `sed --in-place[=SUFFIX]`, `perl -pi -e`. */
function editsInPlace(command: ShellCommand): boolean {
  const name = programName(command.name.value ?? '');
  if (name !== 'sed' && name !== 'perl') return false;
  const args = command.args.map((a) => a.value ?? '');
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (v === '--in-place' || v.startsWith('--in-place=')) return name === 'sed';
    if (v === '--expression' || v === '--file') i++;
    if (!/^-[a-zA-Z]/.test(v)) continue;
    const cluster = /^-([a-zA-Z]*?)([ef]?)(?![a-zA-Z])/.exec(v);
    if (cluster?.[1].includes('i')) return true;
    if (cluster?.[2] && cluster[0] === v) i++;
  }
  return false;
}
