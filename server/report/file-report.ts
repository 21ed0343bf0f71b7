import type { LintResult } from '../../rules/engine';
import { fixIsSafe, preferredFix, type AppliedFix } from '../../rules/fixes';
import { LineIndex } from '../../rules/text';
import type { FileKind } from '../../rules/types';
import type { DiscoveryNotice, ReadResult } from '../workspace';
import { fingerprints } from './fingerprint';
import type { FileReport, Notice, ReportedFinding } from './model';

/** A linted file as the report keeps it: findings with their preferred local fix placed, fixes applied, image references. */
export function fileReport(path: string, display: string, kind: FileKind, linted: LintResult, text: string, applied: AppliedFix[] = []): FileReport {
  let index: LineIndex | undefined;
  const lines = (): LineIndex => (index ??= new LineIndex(text));
  const prints = fingerprints(linted.findings, display, text, linted.facts);
  return {
    path,
    display,
    kind,
    findings: linted.findings.map((found, i) => {
      // Spelled out: a rest or spread copy of a finding takes V8's slow path, many times the cost of this.
      const finding: ReportedFinding['finding'] = { span: found.span, message: found.message, rule: found.rule, severity: found.severity, range: found.range };
      if (found.related) finding.related = found.related;
      const fingerprint = prints[i];
      const fix = preferredFix(found);
      if (!fix) return { finding, fingerprint };
      return { finding, fingerprint, fix: { title: fix.title, safe: fixIsSafe(found), edits: fix.edits.map((e) => ({ range: lines().range(e.span), newText: e.newText })) } };
    }),
    applied,
    images: (linted.facts?.images ?? []).map((image) => {
      const at = lines().position(image.span.start);
      return {
        line: at.line,
        character: at.character,
        reference: image.text,
        registry: image.registry,
        repository: image.repository,
        tag: image.tag,
        digest: image.digest,
        source: image.source,
      };
    }),
  };
}

/** Why a file that was found was not linted. */
export function readNotice(display: string, read: Exclude<ReadResult, { status: 'text' }>): Notice {
  const message = read.status === 'skipped' ? `skipped: ${read.reason}` : `cannot read: ${read.reason}`;
  return { display, message, unreadable: read.status === 'unreadable' };
}

/** A path the walk passed over or could not read. */
export function discoveryNotice(display: string, notice: DiscoveryNotice): Notice {
  return { display, message: notice.message, unreadable: notice.unreadable };
}
