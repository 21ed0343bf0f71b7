import type { Rule, RuleFinding } from '../types';

/** `lineinfile`, `replace`, `sed -i`, `Chef::Util::FileEdit`: a config file patched on a running host. */
export const liveConfigEdit: Rule = {
  id: 'live-config-edit',
  title: 'Config file edited in place',
  severity: { host: 'warning', terraform: 'warning', puppet: 'warning' },
  summary: 'A task or resource edits a config file in place on the host (lineinfile, replace, ini_file, patch, sed -i, FileEdit).',
  docs: [
    'An in-place edit changes a file whose other lines nobody declared: the result depends on what the host',
    'had before, so two hosts built from the same code drift apart, and the next package upgrade may',
    'overwrite the edit or conflict with it.',
    '',
    'Manage the whole file (Ansible `template`/`copy`, Chef `template`/`cookbook_file`), or bake the',
    'configuration into the image.',
  ].join('\n'),
  check(facts) {
    return facts.configEdits.map(
      (edit): RuleFinding => ({
        span: edit.span,
        message: `\`${edit.how}\` edits a config file in place on the running host. Manage the whole file with a template, or bake it into the image.`,
        fixes: [],
      }),
    );
  },
};
