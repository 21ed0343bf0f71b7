import { isMap, visit, type YAMLMap } from 'yaml';
import { CHECKSUM_PLACEHOLDER, type Download } from '../../types';
import { insertPairEdit } from '../../yaml/edit';
import type { YamlPair, YamlView } from '../../yaml/nodes';
import { isTemplated } from './args';
import type { Arg, Task } from './tasks';

/**
 * How an unverified `get_url` gets its checksum: `checksum: "sha256:<hex>"` as a new key after `url:` (map form), or
 * ` checksum=sha256:<hex>` after the `url=` token (free form). Sets `pin` or says why not in `pinBlocker`.
 */
export function pinGetUrl(view: YamlView, task: Task, url: Arg, download: Download): void {
  const blocker = blockerOf(task, url);
  if (blocker) {
    download.pinBlocker = blocker;
    return;
  }
  if (url.form === 'free-form') {
    download.pin = [{ span: { start: url.entrySpan.end, end: url.entrySpan.end }, newText: ` checksum=sha256:${CHECKSUM_PLACEHOLDER}` }];
    return;
  }
  const place = pairAt(view, url.keySpan.start);
  if (!place) {
    download.pinBlocker = 'its `url:` could not be located in the YAML';
    return;
  }
  download.pin = [insertPairEdit(view, place.map, 'checksum', `"sha256:${CHECKSUM_PLACEHOLDER}"`, place.pair)];
}

function blockerOf(task: Task, url: Arg): string | undefined {
  if (task.module !== 'get_url') return `\`${task.module}\` takes the checksum with a \`checksum_algorithm\`: add both by hand`;
  if (url.value === undefined || isTemplated(url.value)) return 'the URL is built from Jinja templates';
  if (!/^https?:\/\//i.test(url.value)) return 'only an HTTP(S) URL can be downloaded to learn its checksum';
  if (task.args.has('checksum')) return 'its `checksum` is empty: fill it in or remove it';
  return undefined;
}

/** The map holding the pair whose key starts at `keyStart`, and that pair. */
function pairAt(view: YamlView, keyStart: number): { map: YAMLMap<unknown, unknown>; pair: YamlPair } | undefined {
  let found: { map: YAMLMap<unknown, unknown>; pair: YamlPair } | undefined;
  visit(view.doc, {
    Pair(_, pair, path) {
      const key = pair.key as { range?: [number, number, number] } | null;
      const parent = path[path.length - 1];
      if (key?.range?.[0] !== keyStart || !isMap(parent)) return undefined;
      found = { map: parent, pair: pair as YamlPair };
      return visit.BREAK;
    },
  });
  return found;
}
