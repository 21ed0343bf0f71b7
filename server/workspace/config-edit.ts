import { isMap, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import type { DriftlessConfig } from '../../rules/config';
import type { TextEdit } from '../../rules/types';

/**
 * The edit that sets `rules.<rule>: off` in a `.driftless.yaml`'s text, touching nothing else: the rule's value
 * replaced, or one line added to `rules`, or a `rules:` block appended. Undefined when the text does not parse
 * (its diagnostic says why; the user fixes that first).
 */
export function turnOffRuleEdit(text: string, rule: string): TextEdit | undefined {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = `rules:${eol}  ${rule}: off${eol}`;
  const contents = doc.contents as Node | null;
  if (contents === null) return append(text, block, eol);
  if (!isMap(contents)) return undefined;
  const rulesPair = contents.items.find((p) => isScalar(p.key) && p.key.value === 'rules') as Pair<Node, Node | null> | undefined;
  if (!rulesPair) return append(text, block, eol);
  const rules = rulesPair.value;
  if (rules === null || (isScalar(rules) && rules.value === null)) {
    const keyEnd = rulesPair.key.range?.[1] ?? 0;
    const lineEnd = endOfLine(text, keyEnd);
    return { span: { start: lineEnd, end: lineEnd }, newText: `${eol}  ${rule}: off` };
  }
  if (!isMap(rules) || !rules.range) return undefined;
  const existing = rules.items.find((p) => isScalar(p.key) && p.key.value === rule);
  if (existing && isScalar(existing.value) && existing.value.range) {
    const [start, end] = existing.value.range;
    return { span: { start, end }, newText: 'off' };
  }
  if (rules.flow) {
    const close = text.lastIndexOf('}', rules.range[1]);
    const before = text.slice(rules.range[0] + 1, close).trim();
    return { span: { start: close, end: close }, newText: before.length > 0 ? `, ${rule}: off` : `${rule}: off` };
  }
  const first = rules.items[0]?.key as Node | undefined;
  const last = rules.items[rules.items.length - 1];
  const lastEnd = (last?.value as Node | null)?.range?.[1] ?? (last?.key as Node | undefined)?.range?.[1];
  if (!first?.range || lastEnd === undefined) return undefined;
  const indent = first.range[0] - text.lastIndexOf('\n', first.range[0] - 1) - 1;
  const lineEnd = endOfLine(text, lastEnd);
  return { span: { start: lineEnd, end: lineEnd }, newText: `${eol}${' '.repeat(indent)}${rule}: off` };
}

/**
 * The text of a new `.driftless.yaml` for a folder below the one in force (`parent`, its path relative to the folder): the nearest
 * config wins whole, so the new one carries the parent's settings over, its `ignore` globs rebased to the new
 * folder, and `rule` off. A glob anchored elsewhere cannot match inside the folder and is left out.
 */
export function folderConfigText(parent: { config: DriftlessConfig; relativePath: string } | undefined, relativeFolder: string, rule: string): string {
  const config = parent?.config;
  const lines = [`# Written by Driftless: "Turn off ${rule} for this folder".`];
  if (parent) lines.push(`# The nearest .driftless.yaml wins whole, so the settings of ${parent.relativePath} are carried over.`);
  lines.push('rules:', ...Object.entries({ ...(config?.rules ?? {}), [rule]: 'off' }).map(([id, severity]) => `  ${id}: ${severity}`));
  const ignore = (config?.ignore ?? []).flatMap((glob) => rebaseGlob(glob, relativeFolder) ?? []);
  if (ignore.length > 0) lines.push('ignore:', ...ignore.map((g) => `  - ${JSON.stringify(g)}`));
  if (config && config.insecureRegistries.length > 0) lines.push('insecureRegistries:', ...config.insecureRegistries.map((h) => `  - ${JSON.stringify(h)}`));
  if (config?.platform) lines.push(`platform: ${config.platform}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A gitignore glob relative to a folder, made relative to its subfolder `relativeFolder` (`/`-separated): a glob
 * without an inner `/` matches at any depth and stays; an anchored one under the subfolder loses that prefix; one
 * starting with `**\/` stays; any other cannot match inside the subfolder (undefined).
 */
export function rebaseGlob(glob: string, relativeFolder: string): string | undefined {
  const negated = glob.startsWith('!');
  const body = negated ? glob.slice(1) : glob;
  const bang = negated ? '!' : '';
  const trimmed = body.endsWith('/') ? body.slice(0, -1) : body;
  if (!trimmed.includes('/')) return glob;
  if (body.startsWith('**/')) return glob;
  const anchored = body.startsWith('/') ? body.slice(1) : body;
  const prefix = `${relativeFolder}/`;
  return anchored.startsWith(prefix) && anchored.length > prefix.length ? `${bang}/${anchored.slice(prefix.length)}` : undefined;
}

function append(text: string, block: string, eol: string): TextEdit {
  const separator = text.length === 0 || text.endsWith('\n') ? '' : eol;
  return { span: { start: text.length, end: text.length }, newText: `${separator}${block}` };
}

/** Where the line holding `offset` ends, before its `\n` or `\r\n`. */
function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return newline > offset && text[newline - 1] === '\r' ? newline - 1 : newline;
}
