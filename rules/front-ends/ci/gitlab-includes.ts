import type { Scalar, YAMLMap } from 'yaml';
import { folderPrefix } from '../../file-names';
import type { Facts, FileProbe } from '../../types';
import { baseYamlFacts, viewsOf } from '../../yaml/documents';
import type { YamlView } from '../../yaml/nodes';
import { parseSideFileYaml } from '../../yaml/parse';
import { addGitLabPipeline } from './gitlab-pipeline';

/** Files larger than this are not read in: an included pipeline file is a few kilobytes. */
const MAX_FILE_LENGTH = 512 * 1024;
/** The file itself, which GitLab does not let include itself. */
const SELF = '.gitlab-ci.yml';

/** The `.gitlab-ci.yml` being linted, and the engine's window on the disk around it. */
export interface PipelineFolder {
  /** The `.gitlab-ci.yml`'s path: its folder is the repository root that local includes are relative to. */
  path: string;
  probe: FileProbe;
}

/**
 * The files `include:` pulls in locally (a path, a list of paths, `local:` in a map or a list of maps), read as
 * pipeline files: their facts are checked with this file's and reported at the path that includes them.
 * `remote:`, `project:`, `template:` and `component:` includes and URL strings are not read, nor a path with a
 * `..` step, a variable or a glob; a missing file is silent. Includes of included files are not followed.
 */
export function addGitLabIncludes(view: YamlView, root: YAMLMap<unknown, unknown>, facts: Facts, folder: PipelineFolder, read: Set<string>): void {
  for (const scalar of localIncludes(view, root)) {
    const path = repositoryPath(view.literal(scalar));
    const span = view.span(scalar);
    if (path === undefined || path === SELF || read.has(path) || !span) continue;
    read.add(path);
    const text = folder.probe.read?.(`${folderPrefix(folder.path)}${path}`);
    if (text === undefined || text.length > MAX_FILE_LENGTH) continue;
    (facts.included ??= []).push({ path, span, text, contentStart: 0, facts: includedFacts(text) });
  }
}

/** The path scalars of the local includes, in the forms GitLab reads them. */
function localIncludes(view: YamlView, root: YAMLMap<unknown, unknown>): Scalar[] {
  const include = view.get(root, 'include')?.value;
  const items = view.seq(include)?.items ?? [include];
  const scalars: Scalar[] = [];
  for (const item of items) {
    const written = view.scalar(item);
    const local = written ?? view.getScalar(view.map(item), 'local');
    if (local && !(written && /^https?:\/\//i.test(view.literal(written) ?? ''))) scalars.push(local);
  }
  return scalars;
}

/**
 * The path from the repository root (a leading `/` is the root); undefined for one that could leave it, a glob
 * (`*`: the probe cannot list a folder) or one holding a variable GitLab would expand.
 */
function repositoryPath(written: string | undefined): string | undefined {
  if (written === undefined || /[\\$*\u0000-\u001f]/.test(written) || /^[A-Za-z]:/.test(written)) return undefined;
  const steps = written.split('/').filter((step) => step !== '' && step !== '.');
  if (steps.length === 0 || steps.includes('..')) return undefined;
  return steps.join('/');
}

/**
 * An included file's facts, as a pipeline file (parsed apart from the open document's YAML cache).
 */
function includedFacts(text: string): Facts {
  const parsed = parseSideFileYaml(text);
  const facts = baseYamlFacts('gitlab-ci', parsed);
  for (const view of viewsOf(parsed)) {
    const root = view.map(view.doc.contents);
    if (root) addGitLabPipeline(view, root, facts);
  }
  return facts;
}
