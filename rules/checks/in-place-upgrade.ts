import type { Rule, RuleFinding } from '../types';

/** `apt-get upgrade`, `yum update`, Ansible `apt: upgrade=dist`…: packages patched where they run. */
export const inPlaceUpgrade: Rule = {
  id: 'in-place-upgrade',
  title: 'Packages upgraded in place',
  severity: { dockerfile: 'info', host: 'error', terraform: 'error', ci: 'info', puppet: 'error' },
  summary: 'A system-wide package upgrade (`apt-get upgrade`, `yum update`, `apk upgrade`, `zypper dup`, `pacman -Syu`, Ansible `upgrade: dist`).',
  docs: [
    'An in-place upgrade installs whatever the mirrors serve on the day it runs. In a Dockerfile, two builds of',
    'the same commit produce different images; on a host, a routine run changes production software that',
    'nobody reviewed, and each host ends up with the versions of the day it was last touched.',
    '',
    'Take updates from a newer pinned base image (or a rebuilt machine image) instead: bump the base',
    'digest, rebuild, test and roll out. The fix removes the upgrade command from its `&&` chain (or the',
    'whole RUN, task or resource when it is all there is).',
  ].join('\n'),
  fix: {
    needs: 'local',
    safe: false,
    why: 'Removing the upgrade changes what is installed: the image or host keeps the versions it had, security updates included, until the base is bumped.',
    consequence: 'updates then come only with a newer base image or a new package version written here',
  },
  check(facts, layer) {
    const instead = layer === 'dockerfile' || layer === 'ci' ? 'rebuild from a newer pinned base image instead' : 'roll out a rebuilt, pinned image or package set instead';
    return facts.upgrades.map(
      (upgrade): RuleFinding => ({
        span: upgrade.span,
        message: `\`${upgrade.description}\` patches packages in place: what you get depends on the day it runs. Remove it and ${instead}.`,
        fixes: upgrade.fix ? [upgrade.fix] : [],
      }),
    );
  },
};
