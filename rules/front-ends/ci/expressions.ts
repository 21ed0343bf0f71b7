import { OffsetMap } from '../../shell/offset-map';

/** What a `${{ … }}` becomes in shell text: a parameter expansion, so the words holding it are unknown. */
const OPAQUE_EXPANSION = '${DRIFTLESS_EXPRESSION}';

/** Whether a GitHub Actions value holds an expression (`${{ … }}`): its value is known only when the job runs. */
export function hasExpression(value: string): boolean {
  return value.includes('${{');
}

/**
 * The shell text with each GitHub `${{ … }}` expression replaced by an opaque parameter expansion mapped to the
 * whole expression in the file: the runner substitutes expressions before the shell reads the script, so a word
 * holding one has no value we could know.
 */
export function maskExpressions(map: OffsetMap): OffsetMap {
  const text = map.text;
  let open = text.indexOf('${{');
  if (open < 0) return map;
  const out = new OffsetMap();
  let copied = 0;
  while (open >= 0) {
    const close = text.indexOf('}}', open + 3);
    if (close < 0) break;
    const end = close + 2;
    map.slice(copied, open, out);
    const fileStart = map.toFile(open);
    out.appendSynthetic(OPAQUE_EXPANSION, fileStart, map.toFile(end, true) - fileStart);
    copied = end;
    open = text.indexOf('${{', end);
  }
  map.slice(copied, text.length, out);
  return out;
}
