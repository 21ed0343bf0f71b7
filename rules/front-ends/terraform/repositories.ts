import { LineIndex } from '../../text';
import type { Facts, LocalFix, TextEdit } from '../../types';
import { attribute, type HclAttribute, type HclBlock } from './hcl';
import { stringLiteral } from './values';

const SETTING = 'image_tag_mutability';
/** What each mutable setting becomes: the exclusion filters of `MUTABLE_WITH_EXCLUSION` stay meaningful. */
const IMMUTABLE: Readonly<Record<string, string>> = { MUTABLE: 'IMMUTABLE', MUTABLE_WITH_EXCLUSION: 'IMMUTABLE_WITH_EXCLUSION' };

/** `resource "aws_ecr_repository"`: tags can be overwritten unless `image_tag_mutability` says otherwise. */
export function addRepositoryFacts(text: string, blocks: readonly HclBlock[], facts: Facts): void {
  const lines = new LineIndex(text);
  for (const block of blocks) {
    if (block.type !== 'resource' || block.labels[0] !== 'aws_ecr_repository') continue;
    const name = block.labels[1];
    const setting = attribute(block, SETTING);
    if (!setting) {
      const edit = insertSetting(text, lines, block);
      facts.imageRepositories.push({ span: block.header, name, fix: fixOf(`Add ${SETTING} = "IMMUTABLE"`, edit) });
      continue;
    }
    const value = stringLiteral(setting.value);
    const immutable = value && IMMUTABLE[value.value];
    if (!value || !immutable) continue;
    const edit = value.written ? { span: value.span, newText: immutable } : undefined;
    facts.imageRepositories.push({ span: value.span, name, mutability: value.value, fix: fixOf(`Set ${SETTING} = "${immutable}"`, edit) });
  }
}

function fixOf(title: string, edit: TextEdit | undefined): LocalFix | undefined {
  return edit && { kind: 'local', title, edits: [edit], preferred: true };
}

/**
 * A new `image_tag_mutability = "IMMUTABLE"` line after the block's first run of attributes, its `=` in their
 * column (as `terraform fmt` aligns them) when the name fits; in an empty `{}` block, the block opened up.
 */
function insertSetting(text: string, lines: LineIndex, block: HclBlock): TextEdit | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const run = firstRun(block.attributes, lines);
  if (run.length > 0) {
    const first = lines.position(run[0].span.start);
    const last = run[run.length - 1];
    const indent = text.slice(lines.lineStart(first.line), run[0].span.start);
    if (indent.trim() !== '') return undefined;
    const column = lines.position(run[0].equals.start).character;
    const pad = ' '.repeat(Math.max(1, column - indent.length - SETTING.length));
    const at = lines.lineEnd(lines.position(last.span.end).line);
    return { span: { start: at, end: at }, newText: `${eol}${indent}${SETTING}${pad}= "IMMUTABLE"` };
  }
  const open = lines.position(block.open.start);
  const close = lines.position(block.close.start);
  const blockIndent = /^[ \t]*/.exec(text.slice(lines.lineStart(open.line)))![0];
  const line = `${blockIndent}  ${SETTING} = "IMMUTABLE"`;
  if (open.line === close.line) {
    if (text.slice(block.open.end, block.close.start).trim() !== '') return undefined;
    return { span: { start: block.open.end, end: block.close.start }, newText: `${eol}${line}${eol}${blockIndent}` };
  }
  const at = lines.lineEnd(open.line);
  return { span: { start: at, end: at }, newText: `${eol}${line}` };
}

/** The block's first attributes on consecutive lines, each on one line of its own. */
function firstRun(attributes: readonly HclAttribute[], lines: LineIndex): HclAttribute[] {
  const run: HclAttribute[] = [];
  for (const a of attributes) {
    const start = lines.position(a.span.start).line;
    if (lines.position(a.span.end).line !== start) break;
    if (run.length > 0 && start !== lines.position(run[run.length - 1].span.start).line + 1) break;
    run.push(a);
  }
  return run;
}
