import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeAtomically } from '../workspace/write-file-safely';
import type { ManifestDigest } from './client';
import { isSha256Digest } from './digest-format';

/** tag -> digest answers, keyed by `registry/repository:tag|platform`. */
export interface DigestCache {
  get(key: string): ManifestDigest | undefined;
  set(key: string, value: ManifestDigest): void;
}

interface Entry {
  value: ManifestDigest;
  storedAt: number;
}

/** Tags move: answers are kept only briefly. */
export const DEFAULT_CACHE_TTL_MS = 5 * 60_000;

export class MemoryCache implements DigestCache {
  protected readonly entries = new Map<string, Entry>();

  constructor(protected readonly ttlMs: number = DEFAULT_CACHE_TTL_MS) {}

  get(key: string): ManifestDigest | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: ManifestDigest): void {
    this.entries.set(key, { value, storedAt: Date.now() });
  }
}

/** The cache every resolver of this process shares unless given another. */
export const processCache = new MemoryCache();

/** A MemoryCache kept in a JSON file between CLI runs (written atomically on each new answer). */
export class DiskCache extends MemoryCache {
  constructor(
    private readonly file: string,
    ttlMs: number = DEFAULT_CACHE_TTL_MS,
  ) {
    super(ttlMs);
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined) return;
    let stored: unknown;
    try {
      stored = JSON.parse(text);
    } catch (error) {
      throw new Error(`the digest cache is not valid JSON (delete it): ${(error as Error).message}`);
    }
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return;
    const now = Date.now();
    for (const [key, entry] of Object.entries(stored)) {
      const valid = validEntry(entry, now);
      if (valid) this.entries.set(key, valid);
    }
  }

  override set(key: string, value: ManifestDigest): void {
    super.set(key, value);
    const fresh = Object.fromEntries([...this.entries].filter(([, entry]) => Date.now() - entry.storedAt < this.ttlMs));
    mkdirSync(dirname(this.file), { recursive: true });
    writeAtomically(this.file, JSON.stringify(fresh));
  }
}

/**
 * A cache file is data from disk, maybe restored from a shared CI cache: an entry is kept only when its digests
 * are exactly `sha256:` + 64 lower-case hex and it was stored in the past; it is rebuilt field by field.
 */
function validEntry(entry: unknown, now: number): Entry | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { value, storedAt } = entry as { value?: unknown; storedAt?: unknown };
  if (typeof storedAt !== 'number' || !Number.isFinite(storedAt) || storedAt > now) return undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const { digest, mediaType, index, platformDigest } = value as Record<string, unknown>;
  if (!isSha256Digest(digest) || typeof index !== 'boolean') return undefined;
  if (platformDigest !== undefined && !isSha256Digest(platformDigest)) return undefined;
  if (mediaType !== undefined && (typeof mediaType !== 'string' || !/^[\w.+/-]+$/.test(mediaType))) return undefined;
  return {
    value: { digest, index, ...(mediaType !== undefined ? { mediaType } : {}), ...(platformDigest !== undefined ? { platformDigest } : {}) },
    storedAt,
  };
}
