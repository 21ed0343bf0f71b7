import type { Span, TextEdit } from '../types';

/** One shell word, with its quotes removed where that is static. */
export interface ShellWord {
  /** The literal value after quote removal; undefined when it holds an expansion (`$X`, `$(…)`). */
  value: string | undefined;
  /** The word's source text. */
  raw: string;
  /** Where the word sits in the file. */
  span: Span;
}

/** A simple command, with wrappers (`sudo`, `env A=1`, `sh -c '…'` bodies are separate commands) unwrapped. */
export interface ShellCommand {
  /** The command name after unwrapping (`apt-get` in `sudo -E apt-get upgrade`). */
  name: ShellWord;
  /** Arguments after the name (for `python -m pip install x`: name `pip`, args `install x`). */
  args: ShellWord[];
  /** From the first word (wrappers included) to the last argument, in the file. */
  span: Span;
  /**
   * Edits that remove this command alone from its `&&` / `;` list, with the operator next to it and a
   * continuation line it leaves empty; undefined when it is the script's only command or sits where it
   * cannot be removed alone (inside a pipeline, a condition, a command substitution).
   */
  removal?: TextEdit[];
  /** It is the script's only statement: taking it out means taking out the whole script (the RUN, the task). */
  wholeScript?: boolean;
  /** When this command's output is piped into others: its pipeline, whose commands from `next` on come after it. */
  pipedInto?: { pipeline: ShellPipeline; next: number };
  /** When its output is run as a script (`bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(…)"`): the command running it. */
  executedBy?: Span;
}

/** `a | b | c`: the whole pipeline and its commands in order, one object shared by the commands piped along it. */
export interface ShellPipeline {
  span: Span;
  commands: ShellCommand[];
}

export interface ShellScript {
  /** Every simple command, in source order, from lists, pipelines, subshells, `if`/`for`/`while` bodies and `sh -c` strings. */
  commands: ShellCommand[];
  /** The parser reported a syntax error, or the walk stopped at its read budget: facts may be partial. */
  hasError: boolean;
}
