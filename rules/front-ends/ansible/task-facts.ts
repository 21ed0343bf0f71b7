import { parseImageReference } from '../../image-reference';
import { DIGEST_PLACEHOLDER, type Facts, type LocalFix, type Span, type TextEdit } from '../../types';
import { CONFIG_EDIT_MODULES, PACKAGE_MODULES } from './modules';
import type { Arg, Task } from './tasks';

/** Ansible's boolean(): the truthy and falsy spellings of module options. */
const TRUTHY = new Set(['yes', 'on', '1', 'true', 't', 'y', '1.0']);
const FALSY = new Set(['no', 'off', '0', 'false', 'f', 'n', '0.0']);

export function truthy(arg: Arg | undefined): boolean | undefined {
  const v = arg?.value?.toLowerCase();
  if (v === undefined) return undefined;
  if (TRUTHY.has(v)) return true;
  if (FALSY.has(v)) return false;
  return undefined;
}

const isTemplated = (value: string) => /\{\{|\{%/.test(value);

/** Replaces an argument's value, in the map form or the `key=value` form alike. */
function setValue(arg: Arg, title: string, newText: string): LocalFix {
  return { kind: 'local', title, edits: [{ span: arg.span, newText }], preferred: true };
}

/** Facts of one task: everything but its shell command, which the shell layer reads. */
export function addTaskFacts(task: Task, facts: Facts, removeTask: () => TextEdit[] | undefined): void {
  addPackageFacts(task, facts, removeTask);
  addDownload(task, facts);
  addGitCheckout(task, facts);
  if (CONFIG_EDIT_MODULES.has(task.module)) facts.configEdits.push({ how: task.module, span: task.moduleKey });
  addIntegrityBypasses(task, facts);
  addImages(task, facts);
}

function removalFix(what: string, removeTask: () => TextEdit[] | undefined): LocalFix | undefined {
  const edits = removeTask();
  if (!edits) return undefined;
  return { kind: 'local', title: `Remove the task ${what}`, edits, preferred: true };
}

/** How a fix title names a task: its literal `name:`, else what it does. */
export function taskLabel(task: Task, fallback: string): string {
  const name = task.name;
  return name && !isTemplated(name) ? `'${name}'` : `(${fallback})`;
}

// ---------------------------------------------------------------------------
// Packages: state latest, whole-system upgrades, unpinned installs.
// ---------------------------------------------------------------------------

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

function addPackageFacts(task: Task, facts: Facts, removeTask: () => TextEdit[] | undefined): void {
  if (task.module === 'win_updates') {
    pushUpgrade(task, facts, task.moduleKey, 'win_updates', removeTask);
    return;
  }
  const manager = PACKAGE_MODULES[task.module];
  if (!manager) return;
  const state = task.args.get('state');
  const names = packageNames(task);
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
    });
  }
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
}

/** The package names of `name:`/`pkg:`/`package:`: a list, or a comma-separated string. */
function packageNames(task: Task): PackageName[] {
  const arg = task.args.get('name') ?? task.args.get('pkg') ?? task.args.get('package');
  if (!arg) return [];
  if (arg.items) return arg.items.map((item) => ({ ...item, arg }));
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

// ---------------------------------------------------------------------------
// Downloads, git checkouts.
// ---------------------------------------------------------------------------

const isUrl = (v: string | undefined): v is string => v !== undefined && /^(https?|ftp):\/\//i.test(v);

function addDownload(task: Task, facts: Facts): void {
  const how = task.module === 'get_url' || task.module === 'win_get_url' ? 'get_url' : task.module === 'unarchive' ? 'unarchive' : undefined;
  if (!how) return;
  const source = task.args.get(how === 'get_url' ? 'url' : 'src');
  if (!source || !isUrl(source.value)) return;
  const checksum = task.args.get('checksum')?.value;
  facts.downloads.push({ url: source.value, span: source.span, how, verified: checksum !== undefined && checksum.length > 0 });
}

function addGitCheckout(task: Task, facts: Facts): void {
  if (task.module !== 'git') return;
  const repo = task.args.get('repo')?.value;
  const version = task.args.get('version');
  if (version?.value !== undefined && isTemplated(version.value)) return;
  if (version?.value !== undefined) facts.gitCheckouts.push({ repo, ref: version.value, span: version.span });
  else facts.gitCheckouts.push({ repo, span: task.moduleKey });
}

// ---------------------------------------------------------------------------
// Verification switched off.
// ---------------------------------------------------------------------------

/** Options that switch verification off, and the value that switches it back on. */
const BYPASSES: ReadonlyArray<{ key: string; unsafe: boolean; modules?: readonly string[] }> = [
  { key: 'validate_certs', unsafe: false },
  { key: 'sslverify', unsafe: false },
  { key: 'gpgcheck', unsafe: false, modules: ['yum_repository', 'zypper_repository'] },
  { key: 'disable_gpg_check', unsafe: true },
  { key: 'allow_unauthenticated', unsafe: true },
  { key: 'force', unsafe: true, modules: ['apt'] },
  { key: 'trusted', unsafe: true, modules: ['deb822_repository'] },
];

/** Bypasses written inside a string option: pip's `extra_args: --trusted-host`, an apt source's `[trusted=yes]`. */
const INLINE_BYPASSES: ReadonlyArray<{ module: string; key: string; pattern: RegExp }> = [
  { module: 'pip', key: 'extra_args', pattern: /(?:^|\s)(--trusted-host)(?=[\s=]|$)/ },
  { module: 'apt_repository', key: 'repo', pattern: /\[[^\]]*?\b(trusted=yes)\b[^\]]*\]/ },
];

/** The verifying value in the same spelling family (`yes`/`no`, `true`/`false`, `True`/`False`). */
function spelled(original: string, value: boolean): string {
  const lower = original.toLowerCase();
  const [t, f] = lower === 'yes' || lower === 'no' ? ['yes', 'no'] : lower === 'on' || lower === 'off' ? ['on', 'off'] : ['true', 'false'];
  const word = value ? t : f;
  return original[0] === original[0].toUpperCase() && original[0] !== original[0].toLowerCase() ? word[0].toUpperCase() + word.slice(1) : word;
}

function addIntegrityBypasses(task: Task, facts: Facts): void {
  for (const inline of INLINE_BYPASSES) {
    const arg = inline.module === task.module ? task.args.get(inline.key) : undefined;
    const match = arg?.value !== undefined ? inline.pattern.exec(arg.value) : null;
    if (!arg || !match || arg.span.end - arg.span.start !== arg.value!.length) continue;
    const start = arg.span.start + match.index + match[0].indexOf(match[1]);
    facts.integrityBypasses.push({ flag: match[1], span: { start, end: start + match[1].length } });
  }
  for (const bypass of BYPASSES) {
    if (bypass.modules && !bypass.modules.includes(task.module)) continue;
    const arg = task.args.get(bypass.key);
    if (!arg || truthy(arg) !== bypass.unsafe) continue;
    const safe = spelled(arg.value!, !bypass.unsafe);
    facts.integrityBypasses.push({
      flag: bypass.key,
      span: arg.keySpan,
      fix: setValue(arg, `Set ${bypass.key} back to ${safe}`, safe),
    });
  }
}

// ---------------------------------------------------------------------------
// Container images.
// ---------------------------------------------------------------------------

const CONTAINER_MODULES = new Set(['docker_container', 'podman_container', 'docker_swarm_service']);
const IMAGE_MODULES = new Set(['docker_image', 'podman_image', 'docker_image_pull']);

function addImages(task: Task, facts: Facts): void {
  if (task.args.get('state')?.value === 'absent') return;
  if (CONTAINER_MODULES.has(task.module)) addImage(facts, task.args.get('image'));
  else if (IMAGE_MODULES.has(task.module)) {
    const source = task.args.get('source')?.value;
    if (source !== undefined && source !== 'pull') return;
    addImage(facts, task.args.get('name'), task.args.get('tag'));
  }
}

function addImage(facts: Facts, image: Arg | undefined, tag?: Arg): void {
  if (!image?.value || isTemplated(image.value) || (tag?.value !== undefined && isTemplated(tag.value))) return;
  const text = tag?.value !== undefined && !image.value.includes('@') ? `${image.value}:${tag.value}` : image.value;
  const ref = parseImageReference(text);
  if (!ref) return;
  const pin: TextEdit[] | undefined = tag ? undefined : [{ span: { start: image.span.end, end: image.span.end }, newText: `@${DIGEST_PLACEHOLDER}` }];
  facts.images.push({
    text,
    span: image.span,
    registry: ref.registry,
    repository: ref.repository,
    tag: ref.tag,
    digest: ref.digest,
    source: 'ansible',
    pin: ref.digest ? undefined : pin,
    pinBlocker: tag && !ref.digest ? 'the tag is a separate `tag:` option; write `name: repo:tag@sha256:…` instead' : undefined,
  });
}
