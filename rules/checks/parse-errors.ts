import type { Facts, ParseError, RuleFinding } from '../types';

/** The findings of a syntax rule: the file's parse errors of that rule, each `<language> syntax error: <message>`. */
export function parseErrorFindings(facts: Facts, rule: ParseError['rule'], language: string): RuleFinding[] {
  return facts.parseErrors
    .filter((e) => e.rule === rule)
    .map((error): RuleFinding => ({ span: error.span, message: `${language} syntax error: ${error.message}`, fixes: [] }));
}
