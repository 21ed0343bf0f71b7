import { RULES } from '../../rules/catalogue';
import type { LintResult } from '../../rules/engine';
import { LineIndex } from '../../rules/text';
import type { CommitFix, Download, Finding, ImageRef, NetworkFix, SeveritySetting, Span } from '../../rules/types';
import { Downloader, shownUrl } from '../download/client';
import { ChecksumCache, checksumFixResolver } from '../pinning/checksum';
import { createResolver, DiskCache, processCache, type Resolver, type ResolverOptions } from '../registry';
import { mapBounded } from '../registry/limiter';
import { digestFixResolver } from '../pinning/digest';
import { pinFixes, type NetworkPinOutcome } from '../pinning/pin-fixes';
import type { FixResolver, FixResolvers } from '../pinning/resolver';
import { CommitResolvers, githubSetting } from '../pinning/github';
import type { DriftlessConfig } from '../../rules/config';
import { httpRepository, shownRef } from '../../rules/checks/commit-pin';
import { lintPath } from '../workspace/lint-path';
import { UnreadablePathError } from '../workspace/errors';
import { readSourceFile } from '../workspace/source-file';
import { rewriteFileSafely } from '../workspace/write-file-safely';
import { untrustedText } from '../untrusted-text';

/** The rules whose fixes need a lookup: their findings carry "Pin to digest" or "Pin to commit". */
const PIN_RULES: ReadonlySet<string> = new Set(RULES.filter((rule) => rule.fix?.needs === 'network').map((rule) => rule.id));

/** Files pinned at once; each file's references are looked up concurrently too, bounded per registry. */
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
  /** `github:` of the file's `.driftless.yaml`. */
  github?: DriftlessConfig['github'];
  /** The file's `.driftless.yaml` `downloadLimit`. */
  downloadLimit?: number;
}

export interface PinFilesOptions {
  resolver: Omit<ResolverOptions, 'insecureRegistries' | 'cache'>;
  /** `$GITHUB_TOKEN`: for the GitHub host only, when `.driftless.yaml` names no token. */
  githubToken?: string;
  /** A JSON file keeping answers between runs. */
  digestCache?: string;
  /** One line per reference (no line break). */
  print: (line: string) => void;
  /** Print only what could not be pinned. */
  quiet?: boolean;
  /** `--download-limit`: over each file's `downloadLimit`. */
  downloadLimit?: number;
}

export interface PinSummary {
  pinned: number;
  /** References that could not be pinned (lookup failed, or the reference cannot take a pin), and files not written. */
  failed: number;
  /** Whether anything but images was pinned or reported, for the summary's wording. */
  beyondImages?: boolean;
}

/**
 * `driftless --pin`: resolves every network fix of the findings (an image's digest, a git ref's commit, a download's
 * checksum) and writes it into its file; a failed lookup edits nothing.
 */
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
  const commits = new CommitResolvers();
  const commitResolvers = new Map<string, FixResolver<CommitFix>>();
  const commitResolver = (job: PinJob): FixResolver<CommitFix> => {
    const setting = githubSetting(job.github, options.githubToken);
    const key = `${setting.url ?? ''}\n${setting.token ?? ''}`;
    const known = commitResolvers.get(key) ?? commits.for(setting);
    commitResolvers.set(key, known);
    return known;
  };
  const checksums = new ChecksumCache();
  const summary: PinSummary = { pinned: 0, failed: 0 };
  const perFile = await mapBounded(jobs, FILES_AT_ONCE, async (job) => {
    const read = await readSourceFile(job.path);
    if (read.status !== 'text') {
      summary.failed++;
      return [`${job.display}: not pinned: cannot read: ${read.reason}`];
    }
    const text = read.text;
    const linted = lintPath(job.path, text, { rules: job.rules, explicit: job.explicit });
    const limit = options.downloadLimit ?? job.downloadLimit;
    const downloader = new Downloader(limit === undefined ? {} : { maxBytes: limit });
    const index = new LineIndex(text);
    const lines: Array<{ offset: number; line: string }> = [];
    const report = (offset: number, line: string): void => {
      lines.push({ offset, line: `${job.display}:${index.position(offset).line + 1}: ${line}` });
    };
    for (const blocked of blockedImages(linted)) {
      summary.failed++;
      report(blocked.span.start, `not pinned: ${blocked.text}: ${blocked.pinBlocker ?? 'no digest fix for this reference'}`);
    }
    for (const blocked of blockedGitRefs(linted)) {
      summary.failed++;
      summary.beyondImages = true;
      report(blocked.span.start, `not pinned: ${blocked.what}: ${blocked.why}`);
    }
    for (const blocked of blockedDownloads(linted)) {
      summary.failed++;
      summary.beyondImages = true;
      report(blocked.span.start, `not pinned: ${shownUrl(blocked.url)}: ${blocked.pinBlocker}`);
    }
    const fixes = linted.findings.flatMap(networkFixes);
    const resolvers: FixResolvers = {
      digest: digestFixResolver(resolverFor(job.insecureRegistries)),
      commit: commitResolver(job),
      checksum: checksumFixResolver(downloader, checksums),
    };
    const result = fixes.length > 0 ? await pinFixes(text, fixes, resolvers) : { text, outcomes: [] };
    let writeError: string | undefined;
    if (result.text !== text) {
      const written = rewriteFileSafely(job.path, text, result.text, [job.root]);
      if (!written.ok) writeError = `file not written: ${written.reason}`;
    }
    // A download's line is its URL's, not the line below where its `checksum:` goes in.
    const urlAt = new Map<NetworkFix, number>();
    for (const finding of linted.findings) for (const fix of finding.fixes) if (fix.kind === 'checksum') urlAt.set(fix, finding.span.start);
    for (const outcome of result.outcomes) {
      const at = urlAt.get(outcome.fix) ?? outcome.offset;
      if (outcome.kind !== 'digest') summary.beyondImages = true;
      if (!outcome.ok) {
        summary.failed++;
        report(at, `not pinned: ${outcome.message}`);
      } else if (writeError) {
        summary.failed++;
        report(at, `not pinned: ${outcome.subject}: ${writeError}`);
      } else {
        summary.pinned++;
        if (!options.quiet) report(at, `pinned ${outcome.subject} to ${pinnedTo(outcome)}`);
      }
    }
    return lines.sort((a, b) => a.offset - b.offset).map((l) => l.line);
  });
  for (const lines of perFile) for (const line of lines) options.print(untrustedText(line));
  if (!options.quiet || summary.failed > 0) {
    const total = summary.pinned + summary.failed;
    const noun = summary.beyondImages ? 'reference' : 'image';
    options.print(total === 0 ? 'nothing to pin' : `pinned ${summary.pinned} of ${total} ${noun}${total === 1 ? '' : 's'}`);
  }
  return summary;
}

function networkFixes(finding: Finding): NetworkFix[] {
  return PIN_RULES.has(finding.rule) ? finding.fixes.filter((f): f is NetworkFix => f.kind !== 'local') : [];
}

/** `sha256:…` (a digest or a download's checksum), or `<commit> (v4.2.2)` when a tag is written beside it. */
function pinnedTo(outcome: Extract<NetworkPinOutcome, { ok: true }>): string {
  if (outcome.kind === 'checksum') return `sha256:${outcome.value}`;
  return outcome.label === undefined ? outcome.value : `${outcome.value} (${outcome.label})`;
}

/** Images an image rule reported that have no digest fix: the front end said why (`pinBlocker`). */
function blockedImages(linted: LintResult): ImageRef[] {
  const images = linted.facts?.images ?? [];
  const blocked = new Set<ImageRef>();
  for (const finding of linted.findings) {
    if (!PIN_RULES.has(finding.rule) || finding.fixes.some((f) => f.kind !== 'local')) continue;
    const image = images.find((i) => touches(i.span, finding.span) || (i.pullAlways !== undefined && touches(i.pullAlways, finding.span)));
    if (image && !image.digest) blocked.add(image);
  }
  return [...blocked].sort((a, b) => a.span.start - b.span.start);
}

/** Git refs a git rule reported that have no commit fix, and why. */
function blockedGitRefs(linted: LintResult): Array<{ span: Span; what: string; why: string }> {
  const facts = linted.facts;
  if (!facts) return [];
  const blocked: Array<{ span: Span; what: string; why: string }> = [];
  for (const finding of linted.findings) {
    if (!PIN_RULES.has(finding.rule) || finding.fixes.some((f) => f.kind !== 'local')) continue;
    const action = facts.actionRefs.find((a) => touches(a.span, finding.span));
    if (action) {
      blocked.push({ span: action.span, what: shownRef(`${action.action}@${action.ref}`), why: 'written where a `# <tag>` comment cannot follow it, or not a ref name that can be asked' });
      continue;
    }
    const checkout = facts.gitCheckouts.find((c) => touches(c.span, finding.span));
    if (!checkout) continue;
    const what = shownRef(checkout.ref ?? checkout.repo ?? 'git checkout');
    const why =
      checkout.ref === undefined
        ? 'it names no ref to resolve; write the commit you want'
        : !httpRepository(checkout.repo)
          ? 'only a repository with an https:// URL can be looked up'
          : 'its ref is not written as plain text, or not a ref name that can be asked';
    blocked.push({ span: checkout.span, what, why });
  }
  return blocked;
}

/** Downloads `remote-unverified` reported whose front end said why they cannot take a checksum (`pinBlocker`). */
function blockedDownloads(linted: LintResult): Download[] {
  const downloads = linted.facts?.downloads ?? [];
  const reported = linted.findings.filter((f) => f.rule === 'remote-unverified' && !f.fixes.some((x) => x.kind === 'checksum'));
  return downloads.filter((d) => d.pinBlocker !== undefined && reported.some((f) => f.span.start === d.span.start && f.span.end === d.span.end));
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
