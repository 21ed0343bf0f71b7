import { writeFileSync } from 'node:fs';
import type { FileReport } from '../report/model';
import { UnreadablePathError } from '../workspace/errors';
import { describeFsError, readSourceFileSync } from '../workspace/source-file';
import { isRecord } from '../json-record';

/** One finding as the baseline file keeps it: the fingerprint matches, the rest is for the reader of a diff. */
export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  file: string;
  message: string;
}

/** `driftless --update-baseline` writes it; `--baseline` reads it. */
export interface BaselineFile {
  version: 1;
  findings: BaselineEntry[];
}

const FINGERPRINT = /^[0-9a-f]{32}:[1-9]\d{0,5}$/;

/** The fingerprints of a baseline file. A missing, unreadable or malformed file is an UnreadablePathError naming the cause. */
export function readBaseline(path: string): Set<string> {
  const read = readSourceFileSync(path);
  if (read.status !== 'text') throw new UnreadablePathError(path, `cannot read the baseline: ${read.reason} (--update-baseline writes it)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch (error) {
    throw new UnreadablePathError(path, `the baseline is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const findings = isRecord(parsed) && parsed.version === 1 && Array.isArray(parsed.findings) ? parsed.findings : undefined;
  if (!findings) throw new UnreadablePathError(path, 'not a Driftless baseline (expected {"version": 1, "findings": [...]})');
  const prints = new Set<string>();
  for (const [i, entry] of findings.entries()) {
    const fingerprint = isRecord(entry) ? entry.fingerprint : undefined;
    if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) {
      throw new UnreadablePathError(path, `baseline entry ${i + 1} has no valid fingerprint`);
    }
    prints.add(fingerprint);
  }
  return prints;
}

/**
 * The run's baseline step, file by file as the files finish. With `baseline` (read before linting) the findings
 * it holds are dropped; without it (`--update-baseline`) every finding is kept for the new baseline and dropped.
 */
export class BaselineStep {
  private readonly matched = new Set<string>();
  private readonly entries: BaselineEntry[] = [];

  constructor(
    private readonly path: string,
    private readonly baseline: ReadonlySet<string> | undefined,
  ) {}

  /** Drops from the file's report, in place, what the baseline holds. */
  file(file: FileReport): void {
    const baseline = this.baseline;
    if (!baseline) {
      for (const { finding, fingerprint } of file.findings) {
        if (fingerprint) this.entries.push({ fingerprint, rule: finding.rule, file: file.display, message: finding.message });
      }
    }
    file.findings = file.findings.filter(({ fingerprint }) => {
      if (fingerprint === undefined || (baseline && !baseline.has(fingerprint))) return true;
      this.matched.add(fingerprint);
      return false;
    });
  }

  /** Writes the new baseline when updating; returns what to tell the user, if anything. */
  finish(quiet: boolean): string | undefined {
    if (!this.baseline) {
      writeBaseline(this.path, this.entries);
      return `${plural(new Set(this.entries.map((e) => e.fingerprint)).size, 'finding')} written to the baseline`;
    }
    const hidden = this.matched.size;
    const gone = this.baseline.size - hidden;
    if (quiet || hidden + gone === 0) return undefined;
    return `${plural(hidden, 'known finding')} not shown${gone > 0 ? `; ${gone} of its entries no longer found (--update-baseline drops them)` : ''}`;
  }
}

/** Writes the findings as the new baseline, in a stable order so that its diffs are small. */
function writeBaseline(path: string, entries: BaselineEntry[]): void {
  entries.sort((a, b) => compare(a.file, b.file) || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint));
  const document: BaselineFile = { version: 1, findings: entries };
  try {
    writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`, 'utf8');
  } catch (error) {
    throw new UnreadablePathError(path, `cannot write the baseline: ${describeFsError(error)}`);
  }
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
