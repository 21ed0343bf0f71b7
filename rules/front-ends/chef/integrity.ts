import type { Facts } from '../../types';
import { rubyNodes } from './prism';
import type { Resource } from './resources';
import type { RubySource } from './source';

/** Repository properties that switch signature or TLS verification off, and the value that turns it back on. */
const BYPASSES: Record<string, Record<string, { off: boolean }>> = {
  yum_repository: { gpgcheck: { off: false }, sslverify: { off: false } },
  zypper_repository: { gpgcheck: { off: false } },
  apt_repository: { trusted: { off: true } },
};

export function isRepositoryResource(type: string): boolean {
  return type in BYPASSES;
}

/** `gpgcheck false`, `sslverify false` (yum/zypper), `trusted true` (apt): fixed by setting the verifying value. */
export function addRepositoryBypassFacts(resource: Resource, source: RubySource, facts: Facts): void {
  const P = rubyNodes();
  const known = BYPASSES[resource.type];
  for (const property of resource.properties) {
    const bypass = Object.hasOwn(known, property.name) ? known[property.name] : undefined;
    const value = property.args[0];
    if (!bypass || property.args.length !== 1) continue;
    const isOff = bypass.off ? value instanceof P.TrueNode : value instanceof P.FalseNode;
    if (!isOff) continue;
    const verifying = String(!bypass.off);
    facts.integrityBypasses.push({
      flag: property.name,
      span: property.nameSpan,
      fix: {
        kind: 'local',
        title: `Set ${property.name} ${verifying}`,
        edits: [{ span: source.nodeSpan(value), newText: verifying }],
        preferred: true,
      },
    });
  }
}
