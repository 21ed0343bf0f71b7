import { integrityBypasses } from '../../shell/bypass';
import { OffsetMap } from '../../shell/offset-map';
import { parseShell } from '../../shell/parse';
import type { Facts, IntegrityBypass } from '../../types';
import { rubyNodes } from './prism';
import { propertyOf, type Resource } from './resources';
import { shellTextMap, valueSpan } from './ruby-strings';
import type { RubySource } from './source';
import { appendAll } from '../../arrays';

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

/** The command line a package resource's `options` are appended to, per resource (`package`: any of them). */
const OPTION_COMMANDS: Record<string, readonly string[]> = {
  package: ['apt-get', 'dnf', 'zypper', 'apk'],
  apt_package: ['apt-get'],
  yum_package: ['yum'],
  dnf_package: ['dnf'],
  zypper_package: ['zypper'],
  apk_package: ['apk'],
  rpm_package: ['rpm'],
};

/**
 * Flags in a package resource's `options` that switch signature checks off (`--nogpgcheck`,
 * `--allow-unauthenticated`, `--force-yes`…), read as the package manager's command line would; the fix
 * removes the flag from the string.
 */
export function addPackageOptionBypassFacts(resource: Resource, source: RubySource, facts: Facts): void {
  const commands = OPTION_COMMANDS[resource.type];
  const options = propertyOf(resource, 'options')?.args[0];
  if (!commands || !options) return;
  const optionsMap = shellTextMap(options, source);
  if (!optionsMap) return;
  const at = valueSpan(options, source).start;
  for (const command of commands) {
    const line = optionsMap.slice(0, optionsMap.text.length, new OffsetMap().appendSynthetic(`${command} `, at, 0));
    const [parsed] = parseShell(line).commands;
    const found = parsed ? integrityBypasses(parsed) : [];
    if (found.length > 0) {
      appendAll(facts.integrityBypasses, found.map((b) => withoutLeadingGap(b, at, source.text)));
      return;
    }
  }
}

/** A flag first in the string is removed with the blanks after it, so the options do not start with a space. */
function withoutLeadingGap(bypass: IntegrityBypass, optionsStart: number, text: string): IntegrityBypass {
  if (!bypass.fix) return bypass;
  const edits = bypass.fix.edits.map((edit) => {
    if (edit.span.start !== optionsStart || edit.newText !== '') return edit;
    let end = edit.span.end;
    while (text[end] === ' ' || text[end] === '\t') end++;
    return { ...edit, span: { start: edit.span.start, end } };
  });
  return { ...bypass, fix: { ...bypass.fix, edits } };
}
