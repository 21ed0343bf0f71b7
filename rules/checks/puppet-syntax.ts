import type { Rule } from '../types';
import { parseErrorFindings } from './parse-errors';

/** A Puppet manifest that tree-sitter-puppet cannot parse. */
export const puppetSyntax: Rule = {
  id: 'puppet-syntax',
  title: 'Puppet syntax error',
  severity: { puppet: 'info' },
  summary: 'The Puppet manifest does not parse; what the parser could not recover may not be checked.',
  docs: [
    'The manifest does not parse as Puppet (tree-sitter-puppet reports the first error here). Puppet would refuse',
    'to compile it. Driftless still checks every resource the parser recovers; fix the syntax to have the rest of',
    'the file checked. Heredocs (`@(EOT)`) are not in the grammar yet and show up here too.',
  ].join('\n'),
  check(facts) {
    return parseErrorFindings(facts, 'puppet-syntax', 'Puppet');
  },
};
