import { isScalar, Scalar } from 'yaml';
import { COMMIT_PLACEHOLDER, type Download, type Facts, type TextEdit } from '../../types';
import type { YamlView } from '../../yaml/nodes';
import { isTemplated } from './args';
import { addIntegrityBypasses } from './bypass-facts';
import { pinGetUrl } from './checksum-pin';
import { addImages } from './image-facts';
import { CONFIG_EDIT_MODULES } from './modules';
import type { ListLookup } from './list-vars';
import { addPackageFacts } from './package-facts';
import type { Arg, Task } from './tasks';

/** Facts of one task: everything but its shell command, which the shell layer reads. */
export function addTaskFacts(task: Task, facts: Facts, removeTask: () => TextEdit[] | undefined, view: YamlView, roleLists: ListLookup): void {
  addPackageFacts(task, facts, removeTask, roleLists);
  addDownload(task, facts, view);
  addGitCheckout(task, facts);
  if (CONFIG_EDIT_MODULES.has(task.module)) facts.configEdits.push({ how: task.module, span: task.moduleKey });
  addIntegrityBypasses(task, facts);
  addImages(task, facts);
}

const isUrl = (v: string | undefined): v is string => v !== undefined && /^(https?|ftp):\/\//i.test(v);

/**
 * `get_url` downloads whatever its `url` is, so a templated one (`{{ item.url }}`) is a download too; `unarchive`
 * downloads only from a URL (else it copies a file from the controller). `sha256sum:`, removed in Ansible 2.14
 * but common in older roles, verifies as `checksum:` does.
 */
function addDownload(task: Task, facts: Facts, view: YamlView): void {
  const how = task.module === 'get_url' || task.module === 'win_get_url' ? 'get_url' : task.module === 'unarchive' ? 'unarchive' : undefined;
  if (!how) return;
  const source = task.args.get(how === 'get_url' ? 'url' : 'src');
  const value = source?.value;
  if (!source || value === undefined || !(isUrl(value) || (how === 'get_url' && isTemplated(value)))) return;
  const checksum = task.args.get('checksum')?.value ?? task.args.get('sha256sum')?.value;
  const download: Download = { url: value, span: source.span, how, verified: checksum !== undefined && checksum.length > 0 };
  if (!download.verified) {
    if (how === 'get_url') pinGetUrl(view, task, source, download);
    else download.pinBlocker = '`unarchive` takes no checksum: download with `get_url` and a checksum, then unpack the local file';
  }
  facts.downloads.push(download);
}

function addGitCheckout(task: Task, facts: Facts): void {
  if (task.module !== 'git') return;
  const repo = task.args.get('repo')?.value;
  const version = task.args.get('version');
  if (version?.value !== undefined && isTemplated(version.value)) return;
  if (version?.value !== undefined) {
    const pin = commitPin(version);
    facts.gitCheckouts.push({ repo, ref: version.value, span: version.span, ...(pin ? { pin } : {}) });
  } else facts.gitCheckouts.push({ repo, span: task.moduleKey });
}

/**
 * The commit in place of `version`'s value: inside its quotes, or quoted when the value was a plain scalar (a
 * plain all-digit commit would read as a number). Undefined for an escaped value (its text is longer than its value).
 */
function commitPin(version: Arg): TextEdit[] | undefined {
  const { node, span, value } = version;
  if (value === undefined || span.end - span.start !== value.length) return undefined;
  if (version.form === 'free-form') return [{ span, newText: COMMIT_PLACEHOLDER }];
  if (!isScalar(node)) return undefined;
  if (node.type === Scalar.PLAIN) return [{ span, newText: `"${COMMIT_PLACEHOLDER}"` }];
  return node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? [{ span, newText: COMMIT_PLACEHOLDER }] : undefined;
}
