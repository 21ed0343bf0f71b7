import type { Facts } from '../../types';
import { setValue, truthy } from './args';
import type { Task } from './tasks';

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

/** Options that switch verification off; the fix sets each back to the verifying value. */
export function addIntegrityBypasses(task: Task, facts: Facts): void {
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
