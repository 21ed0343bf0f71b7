import type { Rule } from '../types';
import { parseErrorFindings } from './parse-errors';

/** A Chef recipe or resource that prism cannot parse. */
export const rubySyntax: Rule = {
  id: 'ruby-syntax',
  title: 'Ruby syntax error',
  severity: { host: 'info' },
  summary: 'The Chef recipe does not parse as Ruby; what prism could not recover may not be checked.',
  docs: [
    'The recipe or resource file does not parse as Ruby (prism, the Ruby parser, reports the first error here).',
    'Chef would refuse to load it. Driftless still checks every resource prism recovers; fix the syntax to have',
    'the rest of the file checked.',
  ].join('\n'),
  check(facts) {
    return parseErrorFindings(facts, 'ruby-syntax', 'Ruby');
  },
};
