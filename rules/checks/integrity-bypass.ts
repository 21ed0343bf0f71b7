import type { Rule, RuleFinding } from '../types';

/** `curl -k`, `--nogpgcheck`, `pip --trusted-host`, Ansible `validate_certs: false`: verification switched off. */
export const integrityBypass: Rule = {
  id: 'integrity-bypass',
  title: 'Verification switched off',
  severity: { dockerfile: 'error', host: 'error', terraform: 'error', ci: 'error', puppet: 'error' },
  summary: 'A flag or key that disables TLS or signature checks (`curl -k`, `wget --no-check-certificate`, `--allow-unauthenticated`, `--nogpgcheck`, `apk --allow-untrusted`, `pip --trusted-host`, `validate_certs: false`).',
  docs: [
    'TLS certificates and package signatures are what tie downloaded bytes to their publisher. Without them,',
    'anyone on the network path (a proxy, a compromised mirror) can substitute what gets installed, and the',
    'result differs from what was reviewed without any trace.',
    '',
    'Remove the flag and fix the cause instead: install the CA certificate the proxy uses, import the',
    "repository's signing key, or use the index over HTTPS.",
  ].join('\n'),
  fix: {
    needs: 'local',
    safe: false,
    why: 'Checking certificates and signatures again can break a build or play that only worked without them, e.g. behind a TLS-intercepting proxy whose CA is not installed.',
    consequence: 'the build must reach its sources with valid certificates and signatures',
  },
  check(facts) {
    return facts.integrityBypasses.map(
      (bypass): RuleFinding => ({
        span: bypass.span,
        message: `\`${bypass.flag}\` switches verification off: the bytes fetched are no longer tied to their publisher. Remove it and trust the right CA or signing key instead.`,
        fixes: bypass.fix ? [bypass.fix] : [],
      }),
    );
  },
};
