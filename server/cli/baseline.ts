import { writeFileSync } from 'node:fs';
import type { Report } from '../report/model';
import { UnreadablePathError } from '../workspace/errors';
import { describeFsError, readSourceFileSync } from '../workspace/source-file';

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

/** Writes every finding of the report as the new baseline, in a stable order so that its diffs are small; returns its fingerprints. */
function writeBaseline(path: string, report: Report): Set<string> {
  const findings: BaselineEntry[] = [];
  for (const file of report.files) {
    for (const { finding, fingerprint } of file.findings) {
      if (fingerprint) findings.push({ fingerprint, rule: finding.rule, file: file.display, message: finding.message });
    }
  }
  findings.sort((a, b) => compare(a.file, b.file) || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint));
  const document: BaselineFile = { version: 1, findings };
  try {
    writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`, 'utf8');
  } catch (error) {
    throw new UnreadablePathError(path, `cannot write the baseline: ${describeFsError(error)}`);
  }
  return new Set(findings.map((f) => f.fingerprint));
}

/** What applying a baseline did: findings it held were dropped from the report. */
interface BaselineOutcome {
  known: number;
  /** Baseline entries no finding matched any more: fixed, or changed beyond recognition. */
  gone: number;
}

/** Drops from the report every finding the baseline holds, in place. */
function applyBaseline(report: Report, baseline: ReadonlySet<string>): BaselineOutcome {
  const matched = new Set<string>();
  for (const file of report.files) {
    file.findings = file.findings.filter(({ fingerprint }) => {
      if (fingerprint === undefined || !baseline.has(fingerprint)) return true;
      matched.add(fingerprint);
      return false;
    });
  }
  return { known: matched.size, gone: baseline.size - matched.size };
}

/**
 * The run's baseline step: with `baseline` (read before linting) the findings it holds are dropped; without it
 * (`--update-baseline`) every finding is written and dropped. Returns what to tell the user, if anything.
 */
export function baselineStep(report: Report, path: string, baseline: ReadonlySet<string> | undefined, quiet: boolean): string | undefined {
  const known = baseline ?? writeBaseline(path, report);
  const { known: hidden, gone } = applyBaseline(report, known);
  if (!baseline) return `${plural(known.size, 'finding')} written to the baseline`;
  if (quiet || hidden + gone === 0) return undefined;
  return `${plural(hidden, 'known finding')} not shown${gone > 0 ? `; ${gone} of its entries no longer found (--update-baseline drops them)` : ''}`;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
