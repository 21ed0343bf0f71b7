import { gitUnpinned } from './checks/git-unpinned';
import { imageDigestMissing } from './checks/image-digest-missing';
import { imageLatestTag } from './checks/image-latest-tag';
import { inPlaceUpgrade } from './checks/in-place-upgrade';
import { integrityBypass } from './checks/integrity-bypass';
import { liveConfigEdit } from './checks/live-config-edit';
import { packageLatest } from './checks/package-latest';
import { packageUnpinned } from './checks/package-unpinned';
import { remoteUnverified } from './checks/remote-unverified';
import { hostPathVolume } from './checks/host-path-volume';
import { mutableConfigmap } from './checks/mutable-configmap';
import { pullAlwaysMutable } from './checks/pull-always-mutable';
import { rubySyntax } from './checks/ruby-syntax';
import { puppetSyntax } from './checks/puppet-syntax';
import { writableRootFilesystem } from './checks/writable-root-filesystem';
import { yamlSyntax } from './checks/yaml-syntax';
import { amiFloating } from './checks/ami-floating';
import { driftIgnored } from './checks/drift-ignored';
import { hclSyntax } from './checks/hcl-syntax';
import { liveProvisioner } from './checks/live-provisioner';
import { moduleUnpinned } from './checks/module-unpinned';
import { registryTagsMutable } from './checks/registry-tags-mutable';
import { actionUnpinned } from './checks/action-unpinned';
import { runnerFloating } from './checks/runner-floating';
import { internalError } from './checks/internal-error';
import type { Rule } from './types';

/** Every rule, in the order of their pages in docs/rules/. */
export const RULES: readonly Rule[] = [
  imageLatestTag,
  imageDigestMissing,
  inPlaceUpgrade,
  packageLatest,
  packageUnpinned,
  remoteUnverified,
  gitUnpinned,
  liveConfigEdit,
  integrityBypass,
  writableRootFilesystem,
  mutableConfigmap,
  hostPathVolume,
  pullAlwaysMutable,
  yamlSyntax,
  rubySyntax,
  amiFloating,
  driftIgnored,
  liveProvisioner,
  moduleUnpinned,
  registryTagsMutable,
  hclSyntax,
  puppetSyntax,
  actionUnpinned,
  runnerFloating,
  // Last: it also reports the rules above that failed on the file.
  internalError,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
