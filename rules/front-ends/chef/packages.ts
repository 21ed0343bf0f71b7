import type { Node } from '@ruby/prism';
import type { Facts, PackageEcosystem } from '../../types';
import { actionsOf, runsAction } from './actions';
import type { LiteralLoops } from './loops';
import { rubyNodes } from './prism';
import { propertyOf, type Resource } from './resources';
import { staticText, valueSpan } from './ruby-strings';
import type { RubySource } from './source';

const LANGUAGE_PACKAGES = new Set(['gem_package', 'chef_gem']);
/** Package resources installing a file named by `source` (its version is the file's), not a repository version. */
const FILE_PACKAGES = new Set(['dpkg_package', 'rpm_package', 'windows_package', 'msu_package', 'cab_package', 'bff_package']);
const INSTALLS = new Set(['install']);

/** `package` and every `*_package` (apt_package, yum_package, gem_package…), and `chef_gem`. */
export function isPackageResource(type: string): boolean {
  return type === 'package' || type === 'chef_gem' || type.endsWith('_package');
}

/**
 * `action :upgrade` (package-latest), else installs without `version` (package-unpinned); a name that is the
 * parameter of a loop over literals is each of them, at its place in the array.
 */
export function addPackageFacts(resource: Resource, loops: LiteralLoops, source: RubySource, facts: Facts): void {
  const upgrades = (actionsOf(resource, source) ?? []).filter((a) => a.name === 'upgrade');
  for (const action of upgrades) {
    const replacement = source.slice(action.span).startsWith(':') ? ':install' : 'install';
    facts.packageLatest.push({
      manager: resource.type,
      span: action.span,
      fix: {
        kind: 'local',
        title: `Install the package once instead of upgrading it (action ${replacement})`,
        edits: [{ span: action.span, newText: replacement }],
        preferred: true,
      },
    });
  }
  if (upgrades.length > 0 || propertyOf(resource, 'version') || propertyOf(resource, 'source') || FILE_PACKAGES.has(resource.type)) return;
  if (!runsAction(resource, source, 'install', INSTALLS)) return;
  const ecosystem: PackageEcosystem = LANGUAGE_PACKAGES.has(resource.type) ? 'language' : 'os';
  for (const node of packageNames(resource, loops)) {
    const name = staticText(node);
    if (name === undefined || name.trim() === '') continue;
    facts.packageInstalls.push({ manager: resource.type, ecosystem, name, span: valueSpan(node, source), group: resource.span });
  }
}

/** The `package_name` property, else the resource name; an array names several packages. */
function packageNames(resource: Resource, loops: LiteralLoops): Node[] {
  const P = rubyNodes();
  const named = propertyOf(resource, 'package_name')?.args[0] ?? resource.args[0];
  if (!named) return [];
  const nodes = named instanceof P.ArrayNode ? named.elements : [named];
  return nodes.flatMap((node) => loops.elementsOf(node) ?? [node]);
}
