import type { Rule, RuleFinding } from '../types';

/** Provisioners that configure the instance over the network once it runs. */
const LIVE = new Set(['remote-exec', 'file', 'chef', 'puppet', 'salt-masterless', 'habitat']);

/** `provisioner "remote-exec"` and its kin: a live instance configured after boot. */
export const liveProvisioner: Rule = {
  id: 'live-provisioner',
  title: 'Instance configured after boot by a provisioner',
  severity: { terraform: 'warning' },
  summary: 'A Terraform `provisioner "remote-exec"`, `"file"`, `"chef"`, `"puppet"`, `"salt-masterless"` or `"habitat"`.',
  docs: [
    'A provisioner changes an instance after it boots, once, when it is created: what the instance holds',
    'depends on the network and the mirrors of that day, a failure leaves it half configured (and tainted),',
    'and Terraform never sees what the commands changed. HashiCorp calls provisioners a last resort.',
    '',
    'Bake what the instance needs into its image (Packer, an image pipeline) and boot that image; pass the',
    'little that differs per instance through `user_data`. `local-exec` runs on the machine running',
    'Terraform and is not reported, but its command goes through the shell rules like every other.',
  ].join('\n'),
  check(facts) {
    return facts.provisioners
      .filter((p) => LIVE.has(p.type))
      .map(
        (p): RuleFinding => ({
          span: p.span,
          message: `The \`${p.type}\` provisioner configures the instance after it boots: what it ends up with depends on the day it was created, and Terraform never sees it. Bake it into the image instead.`,
          fixes: [],
        }),
      );
  },
};
