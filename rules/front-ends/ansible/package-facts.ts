import type { Facts, Span, TextEdit } from '../../types';
import { isTemplated, setValue, truthy } from './args';
import { PACKAGE_MODULES } from './modules';
import { bareVariable, type ListLookup } from './list-vars';
import { removalFix, taskLabel } from './removal';
import type { Arg, Task } from './tasks';

const INSTALL_STATES = new Set(['present', 'installed']);
const ALL_PACKAGES_MODULES = new Set(['apt', 'yum', 'dnf', 'dnf5', 'package', 'zypper', 'pkgng']);
/** States meaning "the newest version": `latest` everywhere, Homebrew's `upgraded`, Chocolatey's `upgrade`. */
const LATEST_STATES: Readonly<Record<string, readonly string[]>> = {
  homebrew: ['latest', 'upgraded'],
  homebrew_cask: ['latest', 'upgraded'],
  win_chocolatey: ['latest', 'upgrade'],
  chocolatey: ['latest', 'upgrade'],
};
const isLatest = (module: string, state: string | undefined) => state !== undefined && (LATEST_STATES[module] ?? ['latest']).includes(state);

/**
 * `state: latest`, whole-system upgrades (fix: remove the task), and installs without a version. `roleLists` finds
 * the list variables of the task's role, for a `name: "{{ packages }}"` or a loop over one.
 */
export function addPackageFacts(task: Task, facts: Facts, removeTask: () => TextEdit[] | undefined, roleLists: ListLookup): void {
  if (task.module === 'win_updates') {
    pushUpgrade(task, facts, task.moduleKey, 'win_updates', removeTask);
    return;
  }
  if (isTemplated(task.module)) {
    addTemplatedModuleLatest(task, facts);
    return;
  }
  const manager = PACKAGE_MODULES[task.module];
  if (!manager) return;
  const state = task.args.get('state');
  const names = packageNames(task, roleLists);
  const upgrade = upgradeArg(task, names, state);
  if (upgrade) {
    pushUpgrade(task, facts, upgrade.arg.entrySpan, upgrade.description, removeTask);
    return;
  }
  if (state && isLatest(task.module, state.value)) {
    const word = state.form === 'map' ? 'state: present' : 'state=present';
    facts.packageLatest.push({ manager: manager.manager, span: state.span, fix: setValue(state, `Use ${word}`, 'present') });
    return;
  }
  if (state?.value !== undefined && !INSTALL_STATES.has(state.value)) return;
  const version = task.args.get('version')?.value;
  for (const name of names) {
    if (name.text === '*' || isTemplated(name.text) || /[/\\]|:\/\/|\.(deb|rpm|whl|tgz|gz|zip)$/.test(name.text)) continue;
    const spec = splitVersion(task.module, name.text);
    facts.packageInstalls.push({
      manager: manager.manager,
      ecosystem: manager.ecosystem,
      name: spec.name,
      span: name.span,
      version: version ?? spec.version,
      group: task.span,
      ...(name.from ? { from: name.from } : {}),
    });
  }
}

/**
 * `action: "{{ pkg_mgr }} name=x state=latest"`: which package module runs is unknown, but `state=latest` beside a
 * package argument (`name`, `pkg`) asks every package module for the newest version. No fix: the module's states are unknown.
 */
function addTemplatedModuleLatest(task: Task, facts: Facts): void {
  const state = task.args.get('state');
  if (state?.value !== 'latest' || !(task.args.has('name') || task.args.has('pkg'))) return;
  facts.packageLatest.push({ manager: task.module, span: state.span });
}

function pushUpgrade(task: Task, facts: Facts, span: Span, description: string, removeTask: () => TextEdit[] | undefined): void {
  facts.upgrades.push({ description, span, fix: removalFix(taskLabel(task, description), removeTask) });
}

/** `apt: upgrade=dist`, `yum: name='*' state=latest`, `zypper: state=dist-upgrade`, `apk: upgrade=yes`… */
function upgradeArg(task: Task, names: PackageName[], state: Arg | undefined): { arg: Arg; description: string } | undefined {
  const upgrade = task.args.get('upgrade');
  if (upgrade && (task.module === 'apt' || task.module === 'apk' || task.module === 'pacman')) {
    const mode = upgrade.value?.toLowerCase();
    const on = task.module === 'apt' ? mode !== undefined && ['dist', 'full', 'safe'].includes(mode) || truthy(upgrade) === true : truthy(upgrade) === true;
    if (on) return { arg: upgrade, description: `${task.module}: upgrade=${upgrade.value}` };
  }
  const upgradeAll = task.args.get('upgrade_all');
  if (task.module.startsWith('homebrew') && truthy(upgradeAll) === true) return { arg: upgradeAll!, description: 'homebrew: upgrade_all' };
  if (task.module === 'zypper' && state?.value === 'dist-upgrade') return { arg: state, description: 'zypper: state=dist-upgrade' };
  const star = names.find((n) => n.text === '*');
  if (star && isLatest(task.module, state?.value) && ALL_PACKAGES_MODULES.has(task.module)) {
    return { arg: star.arg, description: `${task.module}: name='*' state=latest` };
  }
  return undefined;
}

interface PackageName {
  text: string;
  span: Span;
  /** The argument it came from (for `name: '*'`, the whole entry). */
  arg: Arg;
  /** The variable it was read from, when `span` is a reference to it. */
  from?: string;
}

/**
 * The package names of `name:`/`pkg:`/`package:`: a list, a comma-separated string, or `{{ var }}` where `var` is
 * the loop variable of a loop over a literal list (each item at its place), or a literal list in the play's vars or
 * the role's (each reported at the reference).
 */
function packageNames(task: Task, roleLists: ListLookup): PackageName[] {
  const arg = task.args.get('name') ?? task.args.get('pkg') ?? task.args.get('package');
  if (!arg) return [];
  if (arg.items) return arg.items.map((item) => ({ ...item, arg }));
  const variable = bareVariable(arg.value);
  if (variable !== undefined) return namesIn(task, variable, arg, roleLists);
  if (arg.value === undefined) return [];
  const out: PackageName[] = [];
  let offset = 0;
  for (const part of arg.value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    const start = arg.span.start + offset + lead;
    if (text.length > 0) out.push({ text, span: { start, end: start + text.length }, arg });
    offset += part.length + 1;
  }
  return out;
}

function namesIn(task: Task, variable: string, arg: Arg, roleLists: ListLookup): PackageName[] {
  const loop = task.loop?.variable === variable ? task.loop : undefined;
  if (loop?.items) return loop.items.flatMap((item) => (item.span ? [{ text: item.text, span: item.span, arg }] : []));
  const reference = loop ? loop.over : { name: variable, span: arg.span };
  const list = reference && (task.playLists?.get(reference.name) ?? roleLists(reference.name));
  if (!reference || !list) return [];
  const from = `\`${reference.name}\` in ${list.definedIn}`;
  return list.items.map((item) => ({ text: item.text, span: reference.span, arg, from }));
}

/** A package spec's name and pinned version: `nginx=1.2`, `flask==2.0`, `left-pad@1.3`, `nginx-1.20.1`. */
function splitVersion(module: string, spec: string): { name: string; version?: string } {
  const op = /\s*(===?|>=|<=|~=|!=|=|@|<|>|~)\s*(\S.*)$/.exec(spec);
  if (op && op.index > 0) {
    const exact = module !== 'pip' || op[1].startsWith('=') || op[1] === '~=';
    return { name: spec.slice(0, op.index), version: exact ? op[2] : undefined };
  }
  const rpm = ['yum', 'dnf', 'dnf5', 'package', 'zypper'].includes(module) ? /-((?:\d+:)?\d+(?:\.[\w~+]+)+(?:-\d[\w.~+]*)?)$/.exec(spec) : null;
  return rpm ? { name: spec.slice(0, rpm.index), version: rpm[1] } : { name: spec };
}
