import type { Span, TextEdit } from '../types';
import type { OffsetMap } from './offset-map';
import type { ShellCommand, ShellPipeline, ShellScript, ShellWord } from './types';

/**
 * Parsed shell scripts of one document, kept between lints. A language server re-lints the whole file on
 * every keystroke, but an edit touches one script: the others come back from here, moved to where they now
 * sit, instead of being parsed and walked again. Least recently used scripts are dropped past `capacity`.
 */
export class ShellParseCache {
  private readonly entries = new Map<string, { base: number; script: ShellScript }>();

  constructor(private readonly capacity = 256) {}

  get size(): number {
    return this.entries.size;
  }

  /** The script `map` holds: from the cache (a copy, at `map`'s place in the file) or from `parse`. */
  script(map: OffsetMap, parse: () => ShellScript): ShellScript {
    const { key, base } = map.layout();
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return moved(hit.script, base - hit.base);
    }
    const script = parse();
    this.entries.set(key, { base, script: moved(script, 0) });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return script;
  }
}

/**
 * A deep copy of `script` with every file offset moved by `delta`; commands and pipelines shared through
 * `pipedInto` stay shared. Commands are copied first and linked to their pipelines after: no recursion along
 * pipelines that nest as deep as the input does.
 */
function moved(script: ShellScript, delta: number): ShellScript {
  const span = (s: Span): Span => ({ start: s.start + delta, end: s.end + delta });
  const word = (w: ShellWord): ShellWord => ({ value: w.value, raw: w.raw, span: span(w.span) });
  const edit = (e: TextEdit): TextEdit => ({ span: span(e.span), newText: e.newText });
  const copies = new Map<ShellCommand, ShellCommand>();
  const command = (c: ShellCommand): ShellCommand => {
    const known = copies.get(c);
    if (known) return known;
    const copy: ShellCommand = { name: word(c.name), args: c.args.map(word), span: span(c.span) };
    copies.set(c, copy);
    if (c.removal) copy.removal = c.removal.map(edit);
    if (c.wholeScript) copy.wholeScript = true;
    if (c.executedBy) copy.executedBy = span(c.executedBy);
    return copy;
  };
  const commands = script.commands.map(command);
  const pipelines = new Map<ShellPipeline, ShellPipeline>();
  for (const [c, copy] of copies) {
    if (!c.pipedInto) continue;
    let pipeline = pipelines.get(c.pipedInto.pipeline);
    if (!pipeline) {
      pipeline = { span: span(c.pipedInto.pipeline.span), commands: c.pipedInto.pipeline.commands.map(command) };
      pipelines.set(c.pipedInto.pipeline, pipeline);
    }
    copy.pipedInto = { pipeline, next: c.pipedInto.next };
  }
  return { commands, hasError: script.hasError };
}
