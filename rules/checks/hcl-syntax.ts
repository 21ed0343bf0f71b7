import type { Rule, RuleFinding } from '../types';

/** A Terraform/OpenTofu syntax error: tree-sitter recovers, and the rest of the file is still checked. */
export const hclSyntax: Rule = {
  id: 'hcl-syntax',
  title: 'HCL syntax error',
  severity: { terraform: 'info' },
  summary: 'The Terraform/OpenTofu file does not parse; what sits inside the broken part may not be checked.',
  docs: [
    'The file does not parse as HCL: a missing brace or quote, a stray token. Terraform would refuse it too.',
    'Driftless recovers at the error and checks the blocks around it; fix the syntax to have all of it checked.',
  ].join('\n'),
  check(facts) {
    return facts.parseErrors
      .filter((e) => e.rule === 'hcl-syntax')
      .map((error): RuleFinding => ({ span: error.span, message: `HCL syntax error: ${error.message}`, fixes: [] }));
  },
};
