import type { Rule, RuleFinding } from '../types';

/** Attributes that define what runs: ignoring their changes hides a different artifact. */
const ARTIFACT_ATTRIBUTES = new Set([
  'ami',
  'image_id',
  'user_data',
  'user_data_base64',
  'launch_template',
  'image',
  'image_uri',
  'container_definitions',
  'task_definition',
]);

/** `lifecycle { ignore_changes = all }`, or ignoring the attributes that define the artifact. */
export const driftIgnored: Rule = {
  id: 'drift-ignored',
  title: 'Drift made invisible by ignore_changes',
  severity: { terraform: 'warning' },
  summary: '`lifecycle { ignore_changes = all }` (error), or `ignore_changes` naming what defines the artifact (`ami`, `user_data`, `image`, `task_definition`…).',
  docs: [
    '`ignore_changes` tells Terraform to stop comparing an attribute with the code. For `all`, any change made',
    'out of band (a console edit, a script) stays forever and plans never show it. For the attributes that',
    'define what runs (`ami`, `image_id`, `user_data`, `launch_template`, `image`, `container_definitions`,',
    '`task_definition`…), the code no longer says which image or task runs: a new AMI or task definition in',
    'the code is never rolled out, or one deployed by another tool is never seen.',
    '',
    'Remove the entry and let the code own the attribute; when another tool deploys (CodeDeploy, a CD',
    'pipeline), make that tool the one source and keep the attribute out of Terraform. Tags, `desired_capacity`,',
    '`replicas` and other operational values stay silent.',
  ].join('\n'),
  check(facts) {
    const findings: RuleFinding[] = [];
    for (const ignored of facts.ignoredChanges) {
      if (ignored.attribute === 'all') {
        findings.push({
          span: ignored.span,
          message: '`ignore_changes = all` hides every change made outside Terraform: the code no longer describes what runs. Name the few attributes another system owns instead.',
          fixes: [],
          severity: 'error',
        });
        continue;
      }
      const artifact = [ignored.names[0], ignored.names[ignored.names.length - 1]].find((n) => ARTIFACT_ATTRIBUTES.has(n));
      if (!artifact) continue;
      findings.push({
        span: ignored.span,
        message: `Ignoring changes to \`${ignored.attribute}\` hides which ${artifact} runs: a new one in the code is never applied, and one changed out of band is never seen. Let the code own \`${artifact}\`.`,
        fixes: [],
      });
    }
    return findings;
  },
};
