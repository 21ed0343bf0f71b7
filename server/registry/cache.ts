import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ManifestDigest } from './client';

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
    let stored: Record<string, Entry>;
    try {
      stored = JSON.parse(text) as Record<string, Entry>;
    } catch (error) {
      throw new Error(`the digest cache is not valid JSON (delete it): ${(error as Error).message}`);
    }
    for (const [key, entry] of Object.entries(stored)) {
      if (typeof entry?.value?.digest === 'string' && typeof entry.storedAt === 'number') this.entries.set(key, entry);
    }
  }

  override set(key: string, value: ManifestDigest): void {
    super.set(key, value);
    const fresh = Object.fromEntries([...this.entries].filter(([, entry]) => Date.now() - entry.storedAt < this.ttlMs));
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(fresh));
    renameSync(temp, this.file);
  }
}
