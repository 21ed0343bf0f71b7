import type { ModuleSource, Rule, RuleFinding } from '../types';

/** `1.2.3`, `= 1.2.3`, `v1.2.3`, with an optional pre-release: one exact version. */
const EXACT_VERSION = /^(?:=\s*)?v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function finding(module: ModuleSource): RuleFinding | undefined {
  if (!module.registry) return undefined;
  if (!module.version) {
    return {
      span: module.span,
      message: `The module \`${module.source}\` has no \`version\`: each \`terraform init -upgrade\` takes the newest release. Pin an exact version (\`version = "1.2.3"\`).`,
      fixes: [],
    };
  }
  if (EXACT_VERSION.test(module.version.text.trim())) return undefined;
  return {
    span: module.version.span,
    message: `The module \`${module.source}\` takes \`${module.version.text}\`, a range: a new release within it changes the infrastructure without a change in the code. Pin an exact version.`,
    fixes: [],
  };
}

/** A registry module without `version`, or with a range. */
export const moduleUnpinned: Rule = {
  id: 'module-unpinned',
  title: 'Registry module without an exact version',
  severity: { terraform: 'warning' },
  summary: 'A Terraform registry module without `version`, or with a range (`>=`, `~>`, `>`, `!=`, several constraints).',
  docs: [
    'A registry module without a version, or with a range such as `~> 5.0`, resolves to whatever is newest',
    'when `terraform init` runs: two runs of the same code can build different infrastructure, and the lock',
    'file does not record modules.',
    '',
    'Pin an exact version (`version = "5.1.2"`) and move it through a reviewed change (Renovate and',
    'Dependabot update module versions). Git sources are checked by `git-unpinned` (`?ref=` a tag or commit).',
  ].join('\n'),
  check(facts) {
    return facts.moduleSources.map(finding).filter((f): f is RuleFinding => f !== undefined);
  },
};
