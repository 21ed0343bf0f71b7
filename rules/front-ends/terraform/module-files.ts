import { folderPrefix } from '../../file-names';
import type { FileProbe } from '../../types';
import type { SyntaxNode } from './parse';
import { stringLiteral, template, traversal } from './values';

/** Files larger than this are not read in: a boot script is a few kilobytes. */
const MAX_FILE_LENGTH = 512 * 1024;

/** The folder of the .tf file being linted, and the engine's window on the disk around it. */
export interface ModuleFolder {
  /** The .tf file's path; the files its calls name are looked up beside it. */
  path: string;
  probe: FileProbe;
}

/**
 * The module-relative path a `file()`/`templatefile()` argument names: `"x.sh"`, `"scripts/x.sh"` or
 * `"${path.module}/scripts/x.sh"`; undefined for a path built otherwise, an absolute one, or one with a `..`
 * step (it could leave the module).
 */
export function modulePath(node: SyntaxNode | undefined): string | undefined {
  const literal = stringLiteral(node);
  if (literal) return literal.written ? relativePath(literal.value) : undefined;
  const quoted = template(node);
  if (quoted?.type !== 'quoted_template') return undefined;
  const parts = quoted.children.filter((c) => c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end');
  const [interpolation, rest, ...more] = parts;
  if (more.length > 0 || interpolation?.type !== 'template_interpolation' || rest?.type !== 'template_literal') return undefined;
  const names = traversal(interpolation.children.find((c) => c.type === 'expression'));
  if (names?.length !== 2 || names[0] !== 'path' || names[1] !== 'module') return undefined;
  return rest.text.startsWith('/') && !rest.text.includes('\\') ? relativePath(rest.text.slice(1)) : undefined;
}

function relativePath(written: string): string | undefined {
  if (written.startsWith('/') || written.includes('\\') || /^[A-Za-z]:/.test(written)) return undefined;
  const steps = written.split('/').filter((step) => step !== '' && step !== '.');
  if (steps.length === 0 || steps.includes('..')) return undefined;
  return steps.join('/');
}

/** The text of a file of the module, when it exists, is text, and is not too large. */
export function readModuleFile(folder: ModuleFolder, relative: string): string | undefined {
  const text = folder.probe.read?.(`${folderPrefix(folder.path)}${relative}`);
  return text !== undefined && text.length <= MAX_FILE_LENGTH ? text : undefined;
}
