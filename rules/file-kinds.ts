// Which files are Driftless's, derived from the front ends' `files` declarations alone: the CLI's folder walk,
// the editor's file watcher and the extension's activation events all ask here.
import { CONFIG_FILE_NAME } from './config';
import { baseName, editorGlobs, hasFileName } from './file-names';
import { FRONT_ENDS } from './front-ends';
import type { FileKind } from './types';

/** Whether a file found in a folder is worth reading: some front end may claim a file of that name (never the config). */
export function isCandidateName(path: string): boolean {
  return baseName(path) !== CONFIG_FILE_NAME && FRONT_ENDS.some((frontEnd) => hasFileName(frontEnd.files, path));
}

/** The kinds whose front ends may claim a file of that name, in the engine's order. */
export function kindsNamed(path: string): FileKind[] {
  return FRONT_ENDS.filter((frontEnd) => hasFileName(frontEnd.files, path)).flatMap((frontEnd) => frontEnd.kinds);
}

/** The kind an editor language mode makes a document, whatever its name (`dockerfile` for an untitled buffer). */
export function kindOfLanguage(languageId: string | undefined): FileKind | undefined {
  return FRONT_ENDS.find((frontEnd) => languageId !== undefined && frontEnd.files.definingLanguage === languageId)?.kinds[0];
}

/** The glob an editor watches: every file a front end may claim, and the config files. */
export function watchedFilesGlob(): string {
  const globs = new Set(FRONT_ENDS.flatMap((frontEnd) => editorGlobs(frontEnd.files)));
  globs.add(CONFIG_FILE_NAME);
  return `**/{${[...globs].join(',')}}`;
}

/** VS Code activation events: a language mode of some kind opened, or a file told by its name alone in the workspace. */
export function activationEvents(): string[] {
  const languages = new Set(FRONT_ENDS.flatMap((frontEnd) => frontEnd.files.languages));
  const markers = new Set(FRONT_ENDS.filter((frontEnd) => frontEnd.files.byNameAlone).flatMap((frontEnd) => editorGlobs(frontEnd.files)));
  markers.add(CONFIG_FILE_NAME);
  return [...[...languages].map((id) => `onLanguage:${id}`), ...[...markers].map((glob) => `workspaceContains:**/${glob}`)];
}
