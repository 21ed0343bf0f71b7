/**
 * The peers' suppression IDs users already have in their files, mapped to ours.
 * One table: hadolint, Checkov, Trivy, kube-linter, ansible-lint and puppet-lint.
 */
export const PEER_RULE_IDS: Readonly<Record<string, readonly string[]>> = {
  // hadolint
  DL3005: ['in-place-upgrade'],
  DL3006: ['image-latest-tag'],
  DL3007: ['image-latest-tag'],
  DL3008: ['package-unpinned'],
  DL3013: ['package-unpinned'],
  DL3016: ['package-unpinned'],
  DL3017: ['in-place-upgrade'],
  DL3018: ['package-unpinned'],
  DL3028: ['package-unpinned'],
  DL3031: ['in-place-upgrade'],
  DL3033: ['package-unpinned'],
  DL3037: ['package-unpinned'],
  DL3041: ['package-unpinned'],
  DL3062: ['package-unpinned'],
  // Checkov
  CKV_DOCKER_7: ['image-latest-tag'],
  CKV_K8S_14: ['image-latest-tag'],
  CKV_K8S_43: ['image-digest-missing'],
  CKV_K8S_22: ['writable-root-filesystem'],
  // Trivy
  'AVD-DS-0001': ['image-latest-tag'],
  'AVD-KSV-0013': ['image-latest-tag'],
  'AVD-KSV-0014': ['writable-root-filesystem'],
  'AVD-KSV-0023': ['host-path-volume'],
  DS001: ['image-latest-tag'],
  KSV013: ['image-latest-tag'],
  KSV014: ['writable-root-filesystem'],
  KSV023: ['host-path-volume'],
  // kube-linter
  'latest-tag': ['image-latest-tag'],
  'no-read-only-root-fs': ['writable-root-filesystem'],
  'writable-host-mount': ['host-path-volume'],
  'sensitive-host-mounts': ['host-path-volume'],
  // ansible-lint
  'package-latest': ['package-latest'],
  'latest[git]': ['git-unpinned'],
  latest: ['git-unpinned'],
  // ansible-lint before v6: named and numbered IDs
  'git-latest': ['git-unpinned'],
  '401': ['git-unpinned'],
  '403': ['package-latest'],
  // Checkov, tfsec and Trivy on Terraform
  CKV_AWS_51: ['registry-tags-mutable'],
  CKV_TF_1: ['module-unpinned', 'git-unpinned'],
  CKV_TF_2: ['module-unpinned', 'git-unpinned'],
  'AVD-AWS-0031': ['registry-tags-mutable'],
  'aws-ecr-enforce-immutable-repository': ['registry-tags-mutable'],
  // puppet-lint (the package_ensure plugin), in `# lint:ignore:<check>` control comments
  package_ensure: ['package-latest'],
};

/** Our own IDs for a list of IDs that may mix ours with the peers'. */
export function toDriftlessIds(ids: readonly string[], known: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const raw of ids) {
    const id = raw.trim();
    if (known.has(id)) out.add(id);
    for (const mapped of PEER_RULE_IDS[id] ?? PEER_RULE_IDS[id.toUpperCase()] ?? []) out.add(mapped);
  }
  return [...out];
}
