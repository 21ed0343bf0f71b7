import type { Heredoc, JSONInstruction, Run } from 'dockerfile-ast';
import { mayHaveShellFacts } from '../../shell/facts';
import { OffsetMap } from '../../shell/offset-map';
import { parseArgv, parseShell } from '../../shell/parse';
import type { ShellScript, ShellWord } from '../../shell/types';
import { isShell } from '../../shell/wrappers';
import type { LineIndex } from '../../text';
import type { Span } from '../../types';

type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };

/** Reads a RUN instruction as the shell scripts Docker would run: shell form, exec form and heredoc bodies. */
export function runScripts(run: Run, text: string, lines: LineIndex): ShellScript[] {
  const span = (r: LspRange): Span => ({ start: lines.offset(r.start), end: lines.offset(r.end) });
  const exec = execForm(run, text, span);
  if (exec) return [exec];
  const whole = span(run.getRange());
  const heredocs = text.slice(whole.start, whole.end).includes('<<') ? run.getHeredocs() : [];
  const map = heredocs.length > 0 ? heredocCommandLine(run, text, lines) : shellForm(run, text, span);
  if (map.text.trim() === '') return heredocs.length > 0 ? heredocScripts(heredocs, text, span) : [];
  if (heredocs.length === 0 && !mayHaveShellFacts(map.text)) return [];
  const main = parseShell(map);
  if (heredocs.length === 0) return [main];
  const bodyIsScript = main.commands.length === 0 || main.commands.some((c) => readsScriptFromStdin(c.name.value, c.args));
  return bodyIsScript ? [main, ...heredocScripts(heredocs, text, span)] : [main];
}

/** The shell text Docker runs: one argument range per physical line, continuations left out. */
function shellForm(run: Run, text: string, span: (r: LspRange) => Span): OffsetMap {
  const map = new OffsetMap();
  for (const range of run.getArgumentsRanges()) {
    const piece = span(range);
    map.append(text.slice(piece.start, piece.end), piece.start);
  }
  return map;
}

const HEREDOC_MARKER = /<<-?\s*(["']?)[A-Za-z0-9_.-]+\1/g;

/** `RUN bash -e <<EOF`: the line holding the markers, with the markers blanked out (their bodies are read apart). */
function heredocCommandLine(run: Run, text: string, lines: LineIndex): OffsetMap {
  const range = run.getArgumentsRanges()[0];
  const map = new OffsetMap();
  if (!range) return map;
  const start = lines.offset(range.start);
  const line = text.slice(start, lines.lineEnd(range.start.line));
  let cursor = 0;
  for (const marker of line.matchAll(HEREDOC_MARKER)) {
    map.append(line.slice(cursor, marker.index), start + cursor);
    map.appendSynthetic(' '.repeat(marker[0].length), start + marker.index, marker[0].length);
    cursor = marker.index + marker[0].length;
  }
  return map.append(line.slice(cursor), start + cursor);
}

/** Heredoc bodies run as shell scripts, unless a `#!` line names another interpreter. */
function heredocScripts(heredocs: readonly Heredoc[], text: string, span: (r: LspRange) => Span): ShellScript[] {
  const scripts: ShellScript[] = [];
  for (const heredoc of heredocs) {
    const content = heredoc.getContentRange();
    if (!content) continue;
    const body = span(content);
    const bodyText = text.slice(body.start, body.end);
    if (/^#!/.test(bodyText) && !/^#![^\n]*\b(sh|bash|dash|ash|zsh)\b/.test(bodyText)) continue;
    if (!mayHaveShellFacts(bodyText)) continue;
    scripts.push(parseShell(OffsetMap.identity(bodyText, body.start)));
  }
  return scripts;
}

/** `bash`, `sh -e`, `sh -s -- args`: a shell reading its script from the heredoc on stdin. */
function readsScriptFromStdin(name: string | undefined, args: readonly ShellWord[]): boolean {
  if (!isShell(name)) return false;
  for (const arg of args) {
    const v = arg.value ?? '';
    if (v === '-s' || v === '--' || v === '-') return true;
    if (!v.startsWith('-') || /^-[a-zA-Z]*c/.test(v)) return false;
  }
  return true;
}

/** `RUN ["sh", "-c", "…"]`: the JSON array as written (dockerfile-ast's JSON values drop spaces). */
function execForm(run: JSONInstruction, text: string, span: (r: LspRange) => Span): ShellScript | undefined {
  const open = run.getOpeningBracket();
  const close = run.getClosingBracket();
  if (!open || !close) return undefined;
  const raw = text.slice(span(open.getRange()).start, span(close.getRange()).end);
  let values: unknown;
  try {
    values = JSON.parse(raw);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  const strings = run.getJSONStrings();
  if (!Array.isArray(values) || values.length !== strings.length || !values.every((v) => typeof v === 'string')) return undefined;
  const words: ShellWord[] = [];
  const maps: OffsetMap[] = [];
  strings.forEach((s, i) => {
    const at = span(s.getRange());
    words.push({ value: values[i] as string, raw: text.slice(at.start, at.end), span: at });
    maps.push(jsonStringMap(text, at));
  });
  return parseArgv(words, maps);
}

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The decoded value of a JSON string literal at `at`, mapped back to the file. */
function jsonStringMap(text: string, at: Span): OffsetMap {
  const map = new OffsetMap();
  const end = at.end - 1;
  let run = at.start + 1;
  for (let i = run; i < end; i++) {
    if (text[i] !== '\\') continue;
    map.append(text.slice(run, i), run);
    const next = text[i + 1];
    const length = next === 'u' ? 6 : 2;
    const decoded = next === 'u' ? String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)) : (JSON_ESCAPES[next] ?? next);
    map.appendSynthetic(decoded, i, length);
    i += length - 1;
    run = i + 1;
  }
  return map.append(text.slice(run, end), run);
}
