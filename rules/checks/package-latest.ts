import type { FileKind, Rule, RuleFinding } from '../types';

const INSTEAD: Partial<Record<FileKind, string>> = {
  ansible: 'Install a pinned version once (`state: present`)',
  chef: 'Install a pinned `version` once (`action :install`)',
  puppet: "Install a pinned version once (`ensure => '<version>'`, or `installed`)",
};

/** Ansible `state: latest`, Chef `action :upgrade`: the host takes whatever version is newest when the play runs. */
export const packageLatest: Rule = {
  id: 'package-latest',
  title: 'Package kept at the newest version',
  severity: { host: 'error', puppet: 'error' },
  summary: 'A package module or resource asks for the newest version on every run (`state: latest`, `action :upgrade`).',
  docs: [
    'A package kept at "latest" changes version whenever the repository does: two runs of the same play',
    'install different bytes, and a run days later upgrades a production host in place.',
    '',
    'Install it once (`state: present`, `action :install`) with a pinned version, and move the version',
    'forward by changing the code and rolling out, or bake the package into the image.',
  ].join('\n'),
  fix: {
    needs: 'local',
    safe: false,
    why: "Installing once instead of upgrading changes what later runs do: the host keeps the version it has instead of taking the repository's newest.",
    consequence: 'the host keeps the version it has until one is written here',
  },
  check(facts) {
    return facts.packageLatest.map(
      (latest): RuleFinding => ({
        span: latest.span,
        message: `\`${latest.manager}\` keeps the package at the newest version: each run may upgrade it in place. ${INSTEAD[facts.kind] ?? INSTEAD.ansible}, and roll out upgrades as new versions.`,
        fixes: latest.fix ? [latest.fix] : [],
      }),
    );
  },
};
