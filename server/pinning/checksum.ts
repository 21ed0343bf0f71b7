import { CHECKSUM_PLACEHOLDER, type ChecksumFix, type TextEdit } from '../../rules/types';
import { SHA256_HEX, shownUrl, type ChecksumOptions, type ChecksumResult, type Downloader } from '../download/client';
import type { FixResolver } from './resolver';

/**
 * The fix's edits with the checksum written in. The checksum is checked again here, where it enters the file:
 * exactly 64 lower-case hex digits, or no edit at all.
 */
export function checksumEdits(fix: Pick<ChecksumFix, 'edits'>, sha256: string): TextEdit[] {
  if (!SHA256_HEX.test(sha256)) throw new Error('refusing to write a checksum that is not 64 lower-case hex digits');
  return fix.edits.map((edit) => ({ span: edit.span, newText: edit.newText.split(CHECKSUM_PLACEHOLDER).join(sha256) }));
}

/** Downloads made once per URL and process: a download in flight or done lately is shared; a failed one is not kept. */
export class ChecksumCache {
  private readonly answers = new Map<string, { at: number; result: Promise<ChecksumResult> }>();

  constructor(private readonly ttlMs = 5 * 60_000) {}

  checksum(downloader: Downloader, url: string, options: ChecksumOptions = {}): Promise<ChecksumResult> {
    const key = `${downloader.options.maxBytes} ${url}`;
    const known = this.answers.get(key);
    if (known && Date.now() - known.at < this.ttlMs) return known.result;
    const result = downloader.checksum(url, options);
    this.answers.set(key, { at: Date.now(), result });
    void result.then((answer) => {
      if (!answer.ok && this.answers.get(key)?.result === result) this.answers.delete(key);
    });
    return result;
  }
}

/** URL -> the sha256 of its bytes, downloaded once (streamed, size-capped, HTTPS only) and checked before the edit. */
export function checksumFixResolver(downloader: Downloader, cache = new ChecksumCache()): FixResolver<ChecksumFix> {
  return {
    noun: 'download',
    key: (fix) => fix.url,
    subject: (fix) => shownUrl(fix.url),
    async resolve(fix, signal) {
      const result = await cache.checksum(downloader, fix.url, signal ? { signal } : {});
      return result.ok ? { ok: true, value: result.sha256, cached: false } : result;
    },
    edits(fix, answer) {
      if (!SHA256_HEX.test(answer.value)) return { ok: false, reason: 'malformed', message: `${shownUrl(fix.url)}: the checksum is not 64 lower-case hex digits` };
      return checksumEdits(fix, answer.value);
    },
  };
}
