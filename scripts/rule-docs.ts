import { RULES } from '../rules/catalogue';
import type { FixDeclaration, Layer, Rule } from '../rules/types';

const LAYER_NAMES: Readonly<Record<Layer, string>> = {
  dockerfile: 'Dockerfile / Containerfile',
  deploy: 'Kubernetes, compose, Kustomize, Helm values',
  host: 'Ansible, Chef',
  terraform: 'Terraform / OpenTofu',
  ci: 'CI pipelines (GitHub Actions, GitLab CI)',
  puppet: 'Puppet',
};

const GENERATED = '<!-- Generated from the rule metadata in rules/: run `npm run docs:rules` after changing a rule. -->';

/** One rule's documentation page, from its metadata: the single source for the editor link and the repository. */
export function renderRuleDoc(rule: Rule): string {
  const severities = (Object.keys(LAYER_NAMES) as Layer[]).map(
    (p) => `| ${LAYER_NAMES[p]} | ${rule.severity[p] ?? 'not checked'} |`,
  );
  return [
    GENERATED,
    `# \`${rule.id}\`: ${rule.title}`,
    '',
    rule.summary,
    '',
    '## Default severity',
    '',
    '| file kind | severity |',
    '|---|---|',
    ...severities,
    '',
    '## Why it matters',
    '',
    rule.docs.trim(),
    '',
    '## Fix',
    '',
    fixLine(rule.fix),
    '',
    '## Turning it off',
    '',
    'On one line (the statement below the comment):',
    '',
    '```',
    `# driftless-disable-next-line ${rule.id} -- why this one is fine`,
    '```',
    '',
    `In one file: \`# driftless-disable-file ${rule.id}\`. For the whole workspace, in \`.driftless.yaml\`:`,
    '',
    '```yaml',
    'rules:',
    `  ${rule.id}: off   # or error, warning, info`,
    '```',
    '',
    `In the editor, the setting \`driftless.rules\` (\`{ "${rule.id}": "off" }\`) overrides the file.`,
    '',
  ].join('\n');
}

/** Who a network fix asks, as its rule page says it. */
const NETWORK_LOOKUPS: Readonly<Record<NonNullable<FixDeclaration['asks']>, string>> = {
  registry: 'a registry lookup',
  git: 'a git server lookup',
  download: 'a download',
};

/** What the fix needs, whether it is safe (and so what applies it), with the reason. */
function fixLine(fix: FixDeclaration | undefined): string {
  if (!fix) return 'None: the finding is fixed by hand.';
  const needs = fix.needs === 'local' ? 'Offline' : `Needs ${NETWORK_LOOKUPS[fix.asks ?? 'registry']} (\`driftless --pin\`)`;
  return `${needs}, ${fix.safe ? 'safe' : 'unsafe'}. ${fix.why}\n\n${applies(fix)}`;
}

function applies(fix: FixDeclaration): string {
  if (fix.needs === 'network') return 'Applied by `driftless --pin` and the editor\'s "Pin" quick fixes and commands.';
  if (fix.safe) return 'Applied by `driftless --fix` and the editor\'s Fix All and fix on save.';
  return [
    '`driftless --fix` and the editor\'s Fix All leave it out unless unsafe fixes are allowed (`--unsafe-fixes`, the',
    `setting \`driftless.unsafeFixes\`); the editor offers it as a quick fix titled with what you accept: "…; ${fix.consequence ?? 'review what it changes first'}".`,
  ].join('\n');
}

/** The index page listing every rule. */
export function renderRuleIndex(rules: readonly Rule[] = RULES): string {
  return [
    GENERATED,
    '# Driftless rules',
    '',
    '| rule | finds |',
    '|---|---|',
    ...rules.map((r) => `| [\`${r.id}\`](${r.id}.md) | ${r.summary.replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
}

/** Every file docs/rules/ must hold, by name. */
export function ruleDocFiles(rules: readonly Rule[] = RULES): Map<string, string> {
  const files = new Map<string, string>([['README.md', renderRuleIndex(rules)]]);
  for (const rule of rules) files.set(`${rule.id}.md`, renderRuleDoc(rule));
  return files;
}
