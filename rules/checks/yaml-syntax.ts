import type { Rule } from '../types';
import { parseErrorFindings } from './parse-errors';

/** A YAML syntax error in a file of a YAML kind (never for Helm templates). */
export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  title: 'YAML syntax error',
  severity: { deploy: 'info', host: 'info', ci: 'info' },
  summary: 'The YAML does not parse (or repeats a key); what follows the error may not be checked.',
  docs: [
    'The file does not parse as YAML, or a mapping repeats a key (Kubernetes and compose reject both).',
    'Driftless checks what it could read; fix the syntax to have the rest of the file checked.',
    '',
    'CustomResourceDefinition documents are recognised by their `kind:` line and not parsed at all: a schema',
    'runs nothing and holds nothing the rules look for, and CRDs are most of the bytes of large manifest',
    'bundles. A syntax error inside one is therefore not reported.',
  ].join('\n'),
  check(facts) {
    return parseErrorFindings(facts, 'yaml-syntax', 'YAML');
  },
};
