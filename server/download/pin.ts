import { EditSet } from '../../rules/fixes';
import { applyEdits } from '../../rules/text';
import { CHECKSUM_PLACEHOLDER, type ChecksumFix, type TextEdit } from '../../rules/types';
import { mapBounded } from '../registry/limiter';
import { SHA256_HEX, shownUrl, type ChecksumOptions, type ChecksumResult, type Downloader } from './client';
import type { DownloadFailureReason } from './failure';

/**
 * The fix's edits with the checksum written in. The checksum is checked again here, where it enters the file:
 * exactly 64 lower-case hex digits, or no edit at all.
 */
export function checksumEdits(fix: Pick<ChecksumFix, 'edits'>, sha256: string): TextEdit[] {
  if (!SHA256_HEX.test(sha256)) throw new Error('refusing to write a checksum that is not 64 lower-case hex digits');
  return fix.edits.map((edit) => ({ span: edit.span, newText: edit.newText.split(CHECKSUM_PLACEHOLDER).join(sha256) }));
}

/** Downloads made once per URL and process; answers are kept for a while (the bytes behind a URL can change). */
export class ChecksumResolver {
  private readonly answers = new Map<string, { at: number; result: Promise<ChecksumResult> }>();

  constructor(
    readonly downloader: Downloader,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  /** The sha256 of `url`; a download of the same URL in flight or done lately is shared, a failed one is not kept. */
  checksum(url: string, options: ChecksumOptions = {}): Promise<ChecksumResult> {
    const known = this.answers.get(url);
    if (known && Date.now() - known.at < this.ttlMs && !options.signal && !options.onProgress) return known.result;
    const result = this.downloader.checksum(url, options);
    this.answers.set(url, { at: Date.now(), result });
    void result.then((answer) => {
      if (!answer.ok && this.answers.get(url)?.result === result) this.answers.delete(url);
    });
    return result;
  }
}

/** Per distinct URL; `offset` is where it first appears in the file. */
export type ChecksumOutcome =
  | { ok: true; url: string; offset: number; sha256: string; size: number }
  | { ok: false; url: string; offset: number; reason: DownloadFailureReason | 'conflict'; message: string };

export interface ChecksumPinResult {
  /** The text with every download whose checksum was learnt pinned; the others are left exactly as they were. */
  text: string;
  /** One per distinct URL, in the order they first appear in the file. */
  outcomes: ChecksumOutcome[];
}

/** Downloads at once per file: each may be big, so few. */
const DOWNLOADS_AT_ONCE = 2;

/** Pins every download of a file: each distinct URL is downloaded once, a failed download changes nothing. */
export async function pinChecksums(text: string, fixes: readonly ChecksumFix[], resolver: ChecksumResolver): Promise<ChecksumPinResult> {
  const groups = new Map<string, { url: string; fixes: ChecksumFix[]; offset: number }>();
  for (const fix of fixes) {
    const offset = Math.min(...fix.edits.map((e) => e.span.start));
    const group = groups.get(fix.url);
    if (group) {
      group.fixes.push(fix);
      group.offset = Math.min(group.offset, offset);
    } else groups.set(fix.url, { url: fix.url, fixes: [fix], offset });
  }
  const ordered = [...groups.values()].sort((a, b) => a.offset - b.offset);
  const answers = await mapBounded(ordered, DOWNLOADS_AT_ONCE, (group) => resolver.checksum(group.url));
  const accepted = new EditSet();
  const outcomes = ordered.map((group, i): ChecksumOutcome => {
    const answer = answers[i];
    const base = { url: group.url, offset: group.offset };
    if (!answer.ok) return { ok: false, ...base, reason: answer.reason, message: answer.message };
    const clash = accepted.addUnlessClash(group.fixes.flatMap((fix) => checksumEdits(fix, answer.sha256)));
    if (clash) return { ok: false, ...base, reason: 'conflict', message: `${shownUrl(group.url)}: its edit at offset ${clash.span.start} clashes with another fix's` };
    return { ok: true, ...base, sha256: answer.sha256, size: answer.size };
  });
  return { text: applyEdits(text, accepted.edits), outcomes };
}
