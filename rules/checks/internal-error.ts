import type { Rule } from '../types';

/** A file (or one rule on it) Driftless could not check because of an unexpected error of its own. */
export const internalError: Rule = {
  id: 'internal-error',
  title: 'Driftless could not lint the file',
  severity: { dockerfile: 'warning', deploy: 'warning', host: 'warning', terraform: 'warning', ci: 'warning', puppet: 'warning' },
  summary: 'An unexpected error inside Driftless stopped it from checking this file, or one rule on it; the other files are checked.',
  docs: [
    'This is a defect in Driftless, not in your file: a parser or a rule failed on input it should have handled.',
    'The finding sits on the first line of the file and names the cause; when one rule failed, it names the rule',
    'and the findings of the other rules are still reported. The rest of the run goes on: the CLI lints the other',
    'files and exits as their findings say, and the editor keeps linting.',
    '',
    'The error is logged once with its stack: `driftless --verbose` prints it on stderr, and the editor writes it to',
    'the Driftless output channel. Please report it with the stack and, if you can, the file (or a part of it that',
    'still fails).',
    '',
    'It is a warning, so that a CI run at the default `--failure-threshold` does not pass a file that was not checked;',
    'set it to `off` in `.driftless.yaml` to let such runs pass.',
  ].join('\n'),
  check(facts) {
    return facts.parseErrors.filter((e) => e.rule === 'internal-error').map((e) => ({ span: e.span, message: e.message, fixes: [] }));
  },
};
