import { liveConfigEdit } from './checks/live-config-edit';
import { packageLatest } from './checks/package-latest';
import { hostPathVolume } from './checks/host-path-volume';
import { mutableConfigmap } from './checks/mutable-configmap';
import { pullAlwaysMutable } from './checks/pull-always-mutable';
import { rubySyntax } from './checks/ruby-syntax';
import { writableRootFilesystem } from './checks/writable-root-filesystem';
import { yamlSyntax } from './checks/yaml-syntax';
import type { Rule } from './types';

/** Every rule, in the order of RULES.md. */
export const RULES: readonly Rule[] = [
  packageLatest,
  liveConfigEdit,
  writableRootFilesystem,
  mutableConfigmap,
  hostPathVolume,
  pullAlwaysMutable,
  yamlSyntax,
  rubySyntax,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
