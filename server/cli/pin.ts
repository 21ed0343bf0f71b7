import { readFile } from 'node:fs/promises';
import { RULES } from '../../rules/catalogue';
import type { LintResult } from '../../rules/engine';
import { LineIndex } from '../../rules/text';
import type { DigestFix, Finding, ImageRef, SeveritySetting, Span } from '../../rules/types';
import { createResolver, DiskCache, processCache, type Resolver, type ResolverOptions } from '../registry';
import { mapBounded } from '../registry/limiter';
import { pinText } from '../registry/pin';
import { lintPath } from '../workspace/lint-path';
import { UnreadablePathError } from '../workspace/errors';
import { describeFsError } from '../workspace/source-file';
import { rewriteFileSafely } from '../workspace/write-file-safely';
import { untrustedText } from '../untrusted-text';

/** The rules whose fixes need a registry lookup: their findings carry "Pin to digest". */
const PIN_RULES: ReadonlySet<string> = new Set(RULES.filter((rule) => rule.fix?.needs === 'network').map((rule) => rule.id));

/** Files pinned at once; each file's images are looked up concurrently too, bounded per registry. */
const FILES_AT_ONCE = 4;

export interface PinJob {
  path: string;
  display: string;
  explicit: boolean;
  rules: Readonly<Record<string, SeveritySetting>>;
  /** The folder the file was found through: it is written only if its real path lies inside. */
  root: string;
  /** From the file's own config: hosts its images may be looked up on over plain HTTP. */
  insecureRegistries: readonly string[];
}

export interface PinFilesOptions {
  resolver: Omit<ResolverOptions, 'insecureRegistries' | 'cache'>;
  /** A JSON file keeping answers between runs. */
  digestCache?: string;
  /** One line per image (no line break). */
  print: (line: string) => void;
  /** Print only what could not be pinned. */
  quiet?: boolean;
}

export interface PinSummary {
  pinned: number;
  /** Images that could not be pinned (lookup failed, or the reference cannot take a digest), and files not written. */
  failed: number;
}

/** `driftless --pin`: resolves every image finding's digest and writes it into its file; a failed lookup edits nothing. */
export async function pinFiles(jobs: readonly PinJob[], options: PinFilesOptions): Promise<PinSummary> {
  const cache = options.digestCache ? openDiskCache(options.digestCache) : processCache;
  // One client per set of insecure registries: each file's own config decides whether plain HTTP may be used.
  const resolvers = new Map<string, Resolver>();
  const resolverFor = (insecureRegistries: readonly string[]): Resolver => {
    const key = [...insecureRegistries].map((h) => h.toLowerCase()).sort().join(' ');
    let resolver = resolvers.get(key);
    if (!resolver) {
      resolver = createResolver({ ...options.resolver, insecureRegistries, cache });
      resolvers.set(key, resolver);
    }
    return resolver;
  };
  const summary: PinSummary = { pinned: 0, failed: 0 };
  const perFile = await mapBounded(jobs, FILES_AT_ONCE, async (job) => {
    let text: string;
    try {
      text = await readFile(job.path, 'utf8');
    } catch (error) {
      summary.failed++;
      return [`${job.display}: not pinned: cannot read: ${describeFsError(error)}`];
    }
    const linted = lintPath(job.path, text, { rules: job.rules, explicit: job.explicit });
    const index = new LineIndex(text);
    const lines: Array<{ offset: number; line: string }> = [];
    const report = (offset: number, line: string): void => {
      lines.push({ offset, line: `${job.display}:${index.position(offset).line + 1}: ${line}` });
    };
    for (const blocked of blockedImages(linted)) {
      summary.failed++;
      report(blocked.span.start, `not pinned: ${blocked.text}: ${blocked.pinBlocker ?? 'no digest fix for this reference'}`);
    }
    const fixes = linted.findings.flatMap(digestFixes);
    const result = fixes.length > 0 ? await pinText(text, fixes, resolverFor(job.insecureRegistries)) : { text, outcomes: [] };
    let writeError: string | undefined;
    if (result.text !== text) {
      const written = rewriteFileSafely(job.path, text, result.text, [job.root]);
      if (!written.ok) writeError = `file not written: ${written.reason}`;
    }
    for (const outcome of result.outcomes) {
      if (!outcome.ok) {
        summary.failed++;
        report(outcome.offset, `not pinned: ${outcome.message}`);
      } else if (writeError) {
        summary.failed++;
        report(outcome.offset, `not pinned: ${outcome.image}: ${writeError}`);
      } else {
        summary.pinned++;
        if (!options.quiet) report(outcome.offset, `pinned ${outcome.image} to ${outcome.digest}`);
      }
    }
    return lines.sort((a, b) => a.offset - b.offset).map((l) => l.line);
  });
  for (const lines of perFile) for (const line of lines) options.print(untrustedText(line));
  if (!options.quiet || summary.failed > 0) {
    const total = summary.pinned + summary.failed;
    options.print(total === 0 ? 'no images to pin' : `pinned ${summary.pinned} of ${total} image${total === 1 ? '' : 's'}`);
  }
  return summary;
}

function digestFixes(finding: Finding): DigestFix[] {
  return PIN_RULES.has(finding.rule) ? finding.fixes.filter((f): f is DigestFix => f.kind === 'digest') : [];
}

/** Images an image rule reported that have no digest fix: the front end said why (`pinBlocker`). */
function blockedImages(linted: LintResult): ImageRef[] {
  const images = linted.facts?.images ?? [];
  const blocked = new Set<ImageRef>();
  for (const finding of linted.findings) {
    if (!PIN_RULES.has(finding.rule) || finding.fixes.some((f) => f.kind === 'digest')) continue;
    const image = images.find((i) => touches(i.span, finding.span) || (i.pullAlways !== undefined && touches(i.pullAlways, finding.span)));
    if (image && !image.digest) blocked.add(image);
  }
  return [...blocked].sort((a, b) => a.span.start - b.span.start);
}

function touches(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function openDiskCache(file: string): DiskCache {
  try {
    return new DiskCache(file);
  } catch (error) {
    throw new UnreadablePathError(file, untrustedText(error instanceof Error ? error.message : String(error)));
  }
}
