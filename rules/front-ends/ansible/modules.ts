/**
 * Ansible module names: the task keywords that are not modules, the modules a task list is recognised by,
 * and the normalisation of FQCN / `ansible.legacy.*` names to the short name the facts are keyed on.
 */

/** Keys a task may carry besides its module (playbook keywords on tasks and blocks). */
const TASK_KEYWORDS = new Set([
  'name', 'when', 'become', 'become_user', 'become_method', 'become_flags', 'become_exe', 'register', 'tags',
  'notify', 'loop', 'loop_control', 'vars', 'environment', 'ignore_errors', 'ignore_unreachable', 'changed_when',
  'failed_when', 'delegate_to', 'delegate_facts', 'run_once', 'no_log', 'until', 'retries', 'delay', 'args',
  'block', 'rescue', 'always', 'listen', 'check_mode', 'diff', 'any_errors_fatal', 'async', 'poll', 'collections',
  'connection', 'debugger', 'module_defaults', 'port', 'remote_user', 'throttle', 'timeout', 'action',
  'local_action', 'first_available_file',
]);

/** Short names of the modules a task file is recognised by (builtins and the common collections). */
const KNOWN_MODULES = new Set([
  'add_host', 'apt', 'apt_key', 'apt_repository', 'assemble', 'assert', 'async_status', 'blockinfile', 'command',
  'copy', 'cron', 'debconf', 'debug', 'dnf', 'dpkg_selections', 'expect', 'fail', 'fetch', 'file', 'find',
  'gather_facts', 'get_url', 'getent', 'git', 'group', 'group_by', 'hostname', 'import_playbook', 'import_role',
  'import_tasks', 'include', 'include_role', 'include_tasks', 'include_vars', 'iptables', 'known_hosts',
  'lineinfile', 'meta', 'mount_facts', 'package', 'package_facts', 'pause', 'ping', 'pip', 'raw', 'reboot',
  'replace', 'rpm_key', 'script', 'service', 'service_facts', 'set_fact', 'set_stats', 'setup', 'shell', 'slurp',
  'stat', 'subversion', 'systemd', 'systemd_service', 'sysvinit', 'tempfile', 'template', 'unarchive', 'uri',
  'user', 'validate_argument_spec', 'wait_for', 'wait_for_connection', 'yum', 'yum_repository', 'deb822_repository',
  // common collections
  'apk', 'authorized_key', 'docker_container', 'docker_image', 'docker_compose', 'docker_compose_v2',
  'docker_network', 'docker_volume', 'docker_login', 'firewalld', 'gem', 'homebrew', 'homebrew_cask', 'ini_file',
  'k8s', 'k8s_info', 'modprobe', 'mount', 'mysql_db', 'mysql_user', 'npm', 'pacman', 'patch', 'podman_container',
  'podman_image', 'postgresql_db', 'postgresql_user', 'seboolean', 'selinux', 'synchronize', 'sysctl', 'timezone',
  'ufw', 'zypper', 'zypper_repository', 'snap', 'flatpak', 'portage', 'pkgng', 'openbsd_pkg', 'win_chocolatey',
  'win_package', 'win_shell', 'win_command', 'win_get_url', 'win_lineinfile', 'win_service', 'win_copy',
  'win_file', 'win_template', 'win_updates', 'chocolatey', 'composer', 'easy_install', 'cpanm', 'bundler',
  'yarn', 'pear', 'maven_artifact', 'helm', 'xml', 'alternatives', 'locale_gen', 'make',
]);

/** Collections whose FQCN prefix is dropped: any `<namespace>.<collection>.<module>` normalises to `<module>`. */
const FQCN = /^[a-z0-9_]+\.[a-z0-9_]+\.([a-z0-9_]+)$/i;

/** `ansible.builtin.apt`, `ansible.legacy.apt`, `community.general.zypper` -> `apt` / `zypper`. */
export function shortModuleName(name: string): string {
  const fq = FQCN.exec(name);
  return fq ? fq[1] : name;
}

export function isTaskKeyword(key: string): boolean {
  return TASK_KEYWORDS.has(key) || key.startsWith('with_');
}

/** A key that makes a mapping look like a task: a known module (short or FQCN), `action`, `block`. */
export function isRecognisedTaskKey(key: string): boolean {
  if (key === 'action' || key === 'local_action' || key === 'block') return true;
  if (FQCN.test(key)) return true;
  return KNOWN_MODULES.has(key);
}

/** Package modules: what `state: latest` means "always newest" on. Short name -> manager and ecosystem. */
export const PACKAGE_MODULES: Readonly<Record<string, { manager: string; ecosystem: 'os' | 'language' }>> = {
  apt: { manager: 'apt', ecosystem: 'os' },
  yum: { manager: 'yum', ecosystem: 'os' },
  dnf: { manager: 'dnf', ecosystem: 'os' },
  dnf5: { manager: 'dnf', ecosystem: 'os' },
  package: { manager: 'package', ecosystem: 'os' },
  apk: { manager: 'apk', ecosystem: 'os' },
  zypper: { manager: 'zypper', ecosystem: 'os' },
  pacman: { manager: 'pacman', ecosystem: 'os' },
  homebrew: { manager: 'homebrew', ecosystem: 'os' },
  homebrew_cask: { manager: 'homebrew', ecosystem: 'os' },
  portage: { manager: 'portage', ecosystem: 'os' },
  pkgng: { manager: 'pkg', ecosystem: 'os' },
  openbsd_pkg: { manager: 'pkg_add', ecosystem: 'os' },
  snap: { manager: 'snap', ecosystem: 'os' },
  flatpak: { manager: 'flatpak', ecosystem: 'os' },
  win_chocolatey: { manager: 'chocolatey', ecosystem: 'os' },
  chocolatey: { manager: 'chocolatey', ecosystem: 'os' },
  pip: { manager: 'pip', ecosystem: 'language' },
  easy_install: { manager: 'easy_install', ecosystem: 'language' },
  npm: { manager: 'npm', ecosystem: 'language' },
  yarn: { manager: 'yarn', ecosystem: 'language' },
  gem: { manager: 'gem', ecosystem: 'language' },
  cpanm: { manager: 'cpanm', ecosystem: 'language' },
  composer: { manager: 'composer', ecosystem: 'language' },
  pear: { manager: 'pear', ecosystem: 'language' },
};

/** Modules whose free-form string is a POSIX command line (`win_shell` runs PowerShell: not parsed as sh). */
export const COMMAND_MODULES = new Set(['shell', 'command', 'raw', 'script']);

/** The `key=value` options a command module's free-form string may carry (Ansible's check_raw set). */
export const COMMAND_FREE_FORM_OPTIONS = new Set([
  'creates', 'removes', 'chdir', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends',
]);

/** Modules that edit a file in place on the host. */
export const CONFIG_EDIT_MODULES = new Set(['lineinfile', 'blockinfile', 'replace', 'ini_file', 'patch', 'xml', 'win_lineinfile']);
