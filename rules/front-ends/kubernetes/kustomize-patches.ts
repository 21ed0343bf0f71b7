import * as path from 'node:path';
import type { FileProbe } from '../../types';
import { viewsOf } from '../../yaml/documents';
import type { YamlView } from '../../yaml/nodes';
import { parseSideFileYaml } from '../../yaml/parse';
import { appendAll } from '../../arrays';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** How many folders above the file's own a kustomization that patches it may sit (`overlays/prod/patches/x.yaml`). */
const PARENT_LEVELS = 3;
/** Kustomizations whose patch paths are kept: every YAML file below one asks for it, and parsing it is most of that. */
const KEPT_KUSTOMIZATIONS = 32;
const patchPathsByText = new Map<string, readonly string[]>();

/**
 * True when a kustomization in the file's folder or one of its parents lists the file under `patches:`
 * (a `path:` entry or a plain string), `patchesStrategicMerge:` or `patchesJson6902:` (`path:`): the file is
 * then a partial object that Kustomize merges onto a base, not a whole one.
 */
export function isKustomizePatch(filePath: string, probe: FileProbe): boolean {
  if (!probe.read) return false;
  const target = path.normalize(filePath);
  let folder = path.dirname(target);
  for (let level = 0; level <= PARENT_LEVELS; level++) {
    for (const name of KUSTOMIZATION_NAMES) {
      // Most folders hold no kustomization: asking whether it exists spares a failed read for each name and level.
      const candidate = path.join(folder, name);
      const text = probe.exists(candidate) ? probe.read(candidate) : undefined;
      if (text !== undefined && patchPaths(text).some((patch) => path.join(folder, patch) === target)) return true;
    }
    const parent = path.dirname(folder);
    if (parent === folder) return false;
    folder = parent;
  }
  return false;
}

/** The patch file paths a kustomization lists, relative to its folder; the most recent texts' answers are kept. */
function patchPaths(text: string): readonly string[] {
  const kept = patchPathsByText.get(text);
  if (kept) {
    patchPathsByText.delete(text);
    patchPathsByText.set(text, kept);
    return kept;
  }
  const paths = readPatchPaths(text);
  patchPathsByText.set(text, paths);
  if (patchPathsByText.size > KEPT_KUSTOMIZATIONS) patchPathsByText.delete(patchPathsByText.keys().next().value!);
  return paths;
}

function readPatchPaths(text: string): string[] {
  const paths: string[] = [];
  for (const view of viewsOf(parseSideFileYaml(text))) {
    const root = view.map(view.doc.contents);
    for (const item of view.getSeq(root, 'patches')?.items ?? []) appendAll(paths, entryPath(view, item, true));
    for (const item of view.getSeq(root, 'patchesStrategicMerge')?.items ?? []) appendAll(paths, entryPath(view, item, true));
    for (const item of view.getSeq(root, 'patchesJson6902')?.items ?? []) appendAll(paths, entryPath(view, item, false));
  }
  return paths;
}

/** A `path:` entry's path, or a plain string entry where the list allows one. */
function entryPath(view: YamlView, item: unknown, plainAllowed: boolean): string[] {
  const entry = view.map(item);
  const value = entry ? view.str(entry, 'path') : plainAllowed ? view.literal(view.scalar(item)) : undefined;
  return value === undefined ? [] : [value];
}
