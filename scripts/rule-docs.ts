import { RULES } from '../rules/catalogue';
import type { FixDeclaration, Layer, Rule } from '../rules/types';
import { EXAMPLE_LANGUAGE, KIND_NAMES, LAYERS_WITHOUT_EXAMPLES, NO_EXAMPLES, RULE_EXAMPLES, RULE_PEERS, type PeerRule } from './rule-examples';

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
    ...examples(rule),
    '## Fix',
    '',
    fixLine(rule.fix),
    '',
    '## Turning it off',
    '',
    'On one line: a comment above the statement (the instruction, task, resource or block that starts on the next',
    'line). Every file kind takes `#` comments; Terraform also `//`.',
    '',
    '```',
    `# driftless-disable-next-line ${rule.id} -- why this one is fine`,
    '```',
    '',
    ...peerPragmas(rule.id),
    `In one file: \`# driftless-disable-file ${rule.id}\`. For the whole workspace, in \`.driftless.yaml\`:`,
    '',
    '```yaml',
    'rules:',
    `  ${rule.id}: off   # or error, warning, info`,
    '```',
    '',
    `In the editor, the setting \`driftless.rules\` (\`{ "${rule.id}": "off" }\`) overrides the file.`,
    '',
    ...peers(rule.id),
  ].join('\n');
}

/** A bad and a good example for each file kind the rule reads. */
function examples(rule: Rule): string[] {
  const list = RULE_EXAMPLES[rule.id] ?? [];
  if (list.length === 0) return ['## Examples', '', NO_EXAMPLES[rule.id] ?? '', ''];
  const out = ['## Examples', '', 'Digests, commits and checksums below are placeholders: `driftless --pin` writes the real ones, looked up and checked.', ''];
  for (const example of list) {
    const fence = (text: string) => ['```' + EXAMPLE_LANGUAGE[example.kind], text.trimEnd(), '```'];
    out.push(`### ${KIND_NAMES[example.kind]} (\`${example.path}\`)`, '', 'Found:', '', ...fence(example.bad), '', 'Not found:', '', ...fence(example.good), '');
  }
  for (const [layer, why] of Object.entries(LAYERS_WITHOUT_EXAMPLES[rule.id] ?? {})) out.push(`${LAYER_NAMES[layer as Layer]}: no example. ${why}`, '');
  return out;
}

/** How each peer's own suppression comment is written, for the peers Driftless reads. */
const PEER_PRAGMAS: Readonly<Record<string, (id: string) => string>> = {
  hadolint: (id) => `\`# hadolint ignore=${id}\``,
  Checkov: (id) => `\`# checkov:skip=${id}\``,
  Trivy: (id) => `\`# trivy:ignore:${id}\``,
  'kube-linter': (id) => `the annotation \`ignore-check.kube-linter.io/${id}\``,
  'ansible-lint': (id) => `\`# noqa: ${id}\``,
  'puppet-lint (package_ensure plugin)': (id) => `\`# lint:ignore:${id}\``,
};

function peerPragmas(id: string): string[] {
  const written = (RULE_PEERS[id] ?? []).flatMap(({ tool, ids }) => (PEER_PRAGMAS[tool] ? ids.map(PEER_PRAGMAS[tool]) : []));
  if (written.length === 0) return [];
  return [`The peers' comments you may already have silence it too: ${written.join(', ')}.`, ''];
}

function peers(id: string): string[] {
  const list: readonly PeerRule[] = RULE_PEERS[id] ?? [];
  if (list.length === 0) return [];
  return ['## Related rules in other tools', '', '| tool | rule IDs |', '|---|---|', ...list.map(({ tool, ids }) => `| ${tool} | ${ids.map((i) => `\`${i}\``).join(', ')} |`), ''];
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
