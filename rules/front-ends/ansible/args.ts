import type { LocalFix } from '../../types';
import type { Arg } from './tasks';

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

export const isTemplated = (value: string) => /\{\{|\{%/.test(value);

/** Replaces an argument's value, in the map form or the `key=value` form alike. */
export function setValue(arg: Arg, title: string, newText: string): LocalFix {
  return { kind: 'local', title, edits: [{ span: arg.span, newText }], preferred: true };
}
