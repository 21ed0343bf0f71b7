import { folderPrefix } from '../file-names';
import type { FileProbe } from '../types';
import { maskTemplate } from '../yaml/template-mask';

/**
 * How a chart's templates write an image block's tag into the image reference. Templates are Go text, not YAML,
 * until rendered, so this reads their actions. It recognises, for the values path `P` (`image`, `controller.image`):
 * - an action that writes the value, `{{ .Values.P.tag }}` (also `$.Values`, `{{-`/`-}}`, parentheses, and the
 *   functions `default`, `toString`, `quote`, `trim` before or after a pipe), preceded on its line by literal
 *   text ending in `:v` (`"{{ .Values.P.repository }}:v{{ .Values.P.tag | default .Chart.AppVersion }}"`): `v-prefix`;
 *   ending in `:` : `plain`;
 * - `printf` with a literal format whose verb for the tag argument follows `:v` (`printf "%s:v%s" … .Values.P.tag`):
 *   `v-prefix`; follows `:` : `plain`.
 * Anything else (the tag in a variable, `with .Values.P` blocks, `index`, a label) shows nothing.
 */
export type TagWriting = 'v-prefix' | 'plain';

export interface TemplateTag {
  writing: TagWriting;
  /** The template file showing it, relative to the chart (`templates/deployment.yaml`). */
  file: string;
}

export interface ChartTemplates {
  /** True when at least one of the usual template files was read. */
  found: boolean;
  /** How the templates write `.Values.<path>.tag`; undefined when none shows it or they disagree. */
  tagOf(path: readonly string[]): TemplateTag | undefined;
}

/** The files a chart's workload images are usually written in: the probe cannot list a folder. */
const TEMPLATE_FILES = [
  ...['deployment', 'statefulset', 'daemonset', 'job', 'cronjob'].flatMap((name) => [`${name}.yaml`, `${name}.yml`]),
  '_helpers.tpl',
].map((name) => `templates/${name}`);

const VALUE = '\u0000';
const WRITER_WORDS = new Set(['default', 'toString', 'quote', 'trim']);
/** A string, a field or variable, a parenthesis or pipe, a word, or the value being looked for. */
const WRITER_TOKEN = /\s+|"(?:[^"\\\n]|\\.)*"|`[^`]*`|\$?(?:\.[A-Za-z_]\w*)+|[()|]|[A-Za-z_]\w*|\0/y;
const IDENTIFIER = /^[A-Za-z_]\w*$/;

interface Template {
  file: string;
  text: string;
  actions: { start: number; end: number }[];
}

function classify(literal: string): TagWriting | undefined {
  if (literal.endsWith(':v')) return 'v-prefix';
  return literal.endsWith(':') ? 'plain' : undefined;
}

/** True when the action only writes the value: its words are the value, fields, strings and `default`-like functions. */
function writesValue(body: string): boolean {
  let seen = false;
  WRITER_TOKEN.lastIndex = 0;
  while (WRITER_TOKEN.lastIndex < body.length) {
    const match = WRITER_TOKEN.exec(body);
    if (!match) return false;
    const token = match[0];
    if (token === VALUE) seen = true;
    else if (IDENTIFIER.test(token) && !WRITER_WORDS.has(token)) return false;
  }
  return seen;
}

/** End (exclusive) of the Go string opened at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

/** The arguments after a `printf` format, up to the end of its call: split at top-level spaces. */
function printfArgs(rest: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '"') {
      const end = stringEnd(rest, i);
      current += rest.slice(i, end);
      i = end - 1;
      continue;
    }
    if (depth === 0 && (c === ')' || c === '|')) break;
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth === 0 && /\s/.test(c)) {
      if (current) args.push(current);
      current = '';
    } else current += c;
  }
  if (current) args.push(current);
  return args;
}

/** The literal format text before each verb of a `printf` format; undefined for explicit argument indexes. */
function literalsBeforeVerbs(format: string): string[] | undefined {
  const literals: string[] = [];
  let literal = '';
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      literal += format[i];
      continue;
    }
    if (format[i + 1] === '%') {
      literal += '%';
      i++;
      continue;
    }
    const verb = /^%[-+# 0-9.]*([A-Za-z[])/.exec(format.slice(i));
    if (!verb || verb[1] === '[') return undefined;
    literals.push(literal);
    literal = '';
    i += verb[0].length - 1;
  }
  return literals;
}

/** How a `printf` in the action writes the value, when its format is a literal string. */
function printfWriting(body: string): TagWriting | undefined {
  const call = /(?:^|[\s(])printf\s+("(?:[^"\\\n]|\\.)*")/.exec(body);
  if (!call) return undefined;
  const format = call[1].slice(1, -1).replace(/\\(.)/g, '$1');
  const index = printfArgs(body.slice(call.index + call[0].length)).findIndex((arg) => arg.includes(VALUE));
  const literals = literalsBeforeVerbs(format);
  const literal = index >= 0 ? literals?.[index] : undefined;
  return literal === undefined ? undefined : classify(literal);
}

/** Longer values paths are not looked for in templates: V8 refuses a pattern that size (a 100 KB key, found by fuzzing). */
const MAX_PATH_CHARS = 1_000;

function valueReference(path: readonly string[]): RegExp | undefined {
  if (!path.every((key) => IDENTIFIER.test(key)) || path.join('.').length > MAX_PATH_CHARS) return undefined;
  return new RegExp(`(?<![\\w.$])\\$?\\.Values\\.${[...path, 'tag'].join('\\.')}(?![\\w.])`, 'g');
}

/** How one action writes the value, or undefined when it does not show it. */
function actionWriting(template: Template, index: number, reference: RegExp): TagWriting | undefined {
  const { start, end } = template.actions[index];
  const raw = template.text.slice(start, end);
  reference.lastIndex = 0;
  if (!reference.test(raw)) return undefined;
  const body = raw
    .replace(/^\{\{-?/, '')
    .replace(/-?\}\}$/, '')
    .replace(reference, VALUE);
  if (/(?:^|[\s(])printf\s/.test(body)) return printfWriting(body);
  if (!writesValue(body)) return undefined;
  const lineStart = template.text.lastIndexOf('\n', start - 1) + 1;
  const previous = index > 0 ? template.actions[index - 1].end : 0;
  return classify(template.text.slice(Math.max(lineStart, previous), start));
}

function readTemplates(valuesPath: string, probe: FileProbe): Template[] {
  const chart = folderPrefix(valuesPath);
  const templates: Template[] = [];
  for (const file of TEMPLATE_FILES) {
    const text = probe.read?.(`${chart}${file}`);
    if (text !== undefined) templates.push({ file, text, actions: maskTemplate(text).actions });
  }
  return templates;
}

/** The chart's usual template files beside the values file, read once, and how they write each image block's tag. */
export function chartTemplatesOf(valuesPath: string, probe: FileProbe): ChartTemplates {
  const templates = readTemplates(valuesPath, probe);
  return {
    found: templates.length > 0,
    tagOf(path) {
      const reference = valueReference(path);
      if (!reference) return undefined;
      const shown: TemplateTag[] = [];
      for (const template of templates) {
        for (let i = 0; i < template.actions.length; i++) {
          const writing = actionWriting(template, i, reference);
          if (writing) shown.push({ writing, file: template.file });
        }
      }
      return shown.length > 0 && shown.every((s) => s.writing === shown[0].writing) ? shown[0] : undefined;
    },
  };
}
