import type { ShellWord } from './types';

/** The program a command word names: `/usr/bin/apt-get` -> `apt-get`. */
export function programName(value: string): string {
  return value.slice(value.lastIndexOf('/') + 1);
}

interface OptionSyntax {
  /** Short options that take a value (`-u root`, `-uroot`). */
  shortWithValue: string;
  /** Long options that take a value as the next word when written without `=`. */
  longWithValue: readonly string[];
  /** `-10` (nice's old syntax). */
  numeric?: boolean;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Index of the first word after the options starting at `from`, or undefined when a word is not static. */
function skipOptions(words: readonly ShellWord[], from: number, syntax: OptionSyntax): number | undefined {
  let i = from;
  while (i < words.length) {
    const v = words[i].value;
    if (v === undefined) return undefined;
    if (v === '--') return i + 1;
    if (v.startsWith('--')) {
      i += !v.includes('=') && syntax.longWithValue.includes(v) ? 2 : 1;
      continue;
    }
    if (v.length > 1 && v.startsWith('-')) {
      if (syntax.numeric && /^-\d+$/.test(v)) {
        i++;
        continue;
      }
      let takesNext = false;
      for (let k = 1; k < v.length; k++) {
        if (syntax.shortWithValue.includes(v[k])) {
          takesNext = k === v.length - 1;
          break;
        }
      }
      i += takesNext ? 2 : 1;
      continue;
    }
    return i;
  }
  return i;
}

function skipAssignments(words: readonly ShellWord[], from: number): number {
  let i = from;
  while (i < words.length && ASSIGNMENT.test(words[i].value ?? '')) i++;
  return i;
}

type Unwrap = (words: readonly ShellWord[], at: number) => number | undefined;

const options =
  (syntax: OptionSyntax, then?: (words: readonly ShellWord[], at: number) => number | undefined): Unwrap =>
  (words, at) => {
    const next = skipOptions(words, at + 1, syntax);
    if (next === undefined) return undefined;
    return then ? then(words, next) : next;
  };

const NONE: OptionSyntax = { shortWithValue: '', longWithValue: [] };
const oneWord = (words: readonly ShellWord[], at: number) => (at < words.length ? at + 1 : undefined);

/** Commands that run the command after them: the words they own are skipped to find the real one. */
const WRAPPERS: Readonly<Record<string, Unwrap>> = {
  sudo: options(
    {
      shortWithValue: 'ugChpUrtDRTc',
      longWithValue: ['--user', '--group', '--close-from', '--host', '--prompt', '--other-user', '--role', '--type', '--chdir', '--chroot', '--command-timeout'],
    },
    skipAssignments,
  ),
  doas: options({ shortWithValue: 'uC', longWithValue: [] }),
  env: (words, at) => {
    const next = skipOptions(words, at + 1, { shortWithValue: 'uCS', longWithValue: ['--unset', '--chdir', '--split-string'] });
    if (next === undefined) return undefined;
    if (words.slice(at + 1, next).some((w) => /^-[a-zA-Z]*S|^--split-string/.test(w.value ?? ''))) return undefined;
    return skipAssignments(words, next);
  },
  nice: options({ shortWithValue: 'n', longWithValue: ['--adjustment'], numeric: true }),
  ionice: options({ shortWithValue: 'cnpPu', longWithValue: ['--class', '--classdata', '--pid', '--pgid', '--uid'] }),
  nohup: options(NONE),
  exec: options({ shortWithValue: 'a', longWithValue: [] }),
  time: options({ shortWithValue: 'fo', longWithValue: ['--format', '--output'] }),
  stdbuf: options({ shortWithValue: 'ioe', longWithValue: ['--input', '--output', '--error'] }),
  eatmydata: options(NONE),
  timeout: options({ shortWithValue: 'sk', longWithValue: ['--signal', '--kill-after'] }, oneWord),
  xargs: options({
    shortWithValue: 'adEeIiLlnPs',
    longWithValue: ['--arg-file', '--delimiter', '--eof', '--replace', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'],
  }),
  gosu: oneWord,
  'su-exec': oneWord,
  command: (words, at) => {
    const next = skipOptions(words, at + 1, NONE);
    if (next === undefined) return undefined;
    const flags = words.slice(at + 1, next).map((w) => w.value ?? '');
    return flags.some((f) => /^-[a-zA-Z]*[vV]/.test(f)) ? undefined : next;
  },
};

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
const PYTHON = /^python(\d+(\.\d+)*)?$/;

export function isShell(name: string | undefined): boolean {
  return name !== undefined && SHELLS.has(programName(name));
}

export interface Unwrapped {
  /** Index of the command name after the wrappers. */
  name: number;
  /** For `sh -c '…'`: the index of the script word. */
  script?: number;
}

/** Finds the command that really runs in `words` (`sudo -E env A=1 apt-get …` -> `apt-get`). */
export function unwrap(words: readonly ShellWord[]): Unwrapped {
  let at = 0;
  for (let depth = 0; depth < 8 && at < words.length; depth++) {
    const value = words[at].value;
    if (value === undefined) break;
    const wrapper = WRAPPERS[programName(value)];
    const next = wrapper?.(words, at);
    if (next === undefined || next >= words.length) break;
    at = next;
  }
  const name = programName(words[at].value ?? '');
  if (SHELLS.has(name)) return { name: at, script: shellScriptArgument(words, at) };
  if (PYTHON.test(name)) return { name: pythonModule(words, at, 'pip') ?? at };
  return { name: at };
}

/** `bash -euo pipefail -c 'script'`: the index of `'script'`. */
function shellScriptArgument(words: readonly ShellWord[], at: number): number | undefined {
  let hasC = false;
  let i = at + 1;
  while (i < words.length) {
    const v = words[i].value;
    if (v === undefined) break;
    if (v === '--' || v === '-') {
      i++;
      break;
    }
    if (v.startsWith('--')) {
      i += v === '--rcfile' || v === '--init-file' ? 2 : 1;
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(v)) {
      if (v.startsWith('-') && v.includes('c')) hasC = true;
      i += /[oO]$/.test(v) ? 2 : 1;
      continue;
    }
    break;
  }
  return hasC && i < words.length ? i : undefined;
}

/** `python3 -u -m pip …`: the index of the module word when it is `module`. */
function pythonModule(words: readonly ShellWord[], at: number, module: string): number | undefined {
  for (let i = at + 1; i < words.length; i++) {
    const v = words[i].value;
    if (v === undefined) return undefined;
    if (v === '-m') return words[i + 1]?.value === module ? i + 1 : undefined;
    if (v === '-X' || v === '-W') {
      i++;
      continue;
    }
    if (!/^-[a-zA-Z]+$/.test(v)) return undefined;
  }
  return undefined;
}
