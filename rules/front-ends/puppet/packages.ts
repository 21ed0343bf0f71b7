import type { Facts, PackageEcosystem } from '../../types';
import { attributeOf, literalAttribute, type Resource } from './resources';
import { literalText, valueSpan } from './strings';

/** `ensure` values that install whatever version the repository serves. */
const UNVERSIONED = new Set(['installed', 'present']);
/** Providers of language packages (the rest install OS packages). */
const LANGUAGE_PROVIDERS = new Set(['gem', 'puppet_gem', 'puppetserver_gem', 'pip', 'pip2', 'pip3', 'pipx', 'npm']);

/** Whether any `Package { ensure => … }` default in the manifest gives undeclared `ensure`s a value this file cannot see used. */
export function hasEnsureDefault(resources: readonly Resource[]): boolean {
  return resources.some((r) => r.type === 'package' && r.form === 'default' && r.title === undefined && attributeOf(r, 'ensure'));
}

/**
 * `ensure => latest` (package-latest, fixed to `installed`), and a package installed without a version:
 * `ensure => installed|present` or no `ensure` (package-unpinned), unless a `Package` default may set one.
 */
export function addPackageFacts(resource: Resource, ensureDefault: boolean, facts: Facts): void {
  const ensure = attributeOf(resource, 'ensure');
  const value = literalText(ensure?.value);
  const manager = literalAttribute(resource, 'provider') ?? 'package';
  if (ensure && value === 'latest') {
    const span = valueSpan(ensure.value);
    // The resources of a title array share one `ensure`: one finding, one fix.
    if (facts.packageLatest[facts.packageLatest.length - 1]?.span.start === span.start) return;
    facts.packageLatest.push({
      manager,
      span,
      fix: { kind: 'local', title: 'Install the package once instead of upgrading it (ensure => installed)', edits: [{ span, newText: 'installed' }], preferred: true },
    });
    return;
  }
  if (resource.form === 'default' || attributeOf(resource, 'source')) return;
  if (ensure ? value === undefined || !UNVERSIONED.has(value) : ensureDefault) return;
  const named = attributeOf(resource, 'name')?.value ?? resource.title;
  const name = literalText(named);
  if (!named || name === undefined || name.trim() === '') return;
  const ecosystem: PackageEcosystem = LANGUAGE_PROVIDERS.has(manager) ? 'language' : 'os';
  facts.packageInstalls.push({ manager, ecosystem, name, span: valueSpan(named), group: resource.titles });
}
