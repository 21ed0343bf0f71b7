// What the audit report groups and ranks, computed from the `driftless/audit` answer; no HTML here.
import type { AuditFinding, AuditImage } from '../server/protocol';

export type Severity = AuditFinding['severity'];
type FileKind = AuditFinding['kind'];

/** By UTF-16 code units, as the workspace walk orders paths: the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** How much a finding weighs when ranking files: an error outweighs three warnings, a warning three infos. */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { error: 9, warning: 3, info: 1 };

export type SeverityCounts = Record<Severity, number>;

export function severityCounts(findings: readonly AuditFinding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function weight(counts: SeverityCounts): number {
  return SEVERITIES.reduce((sum, s) => sum + counts[s] * SEVERITY_WEIGHT[s], 0);
}

export function worstSeverity(counts: SeverityCounts): Severity {
  return SEVERITIES.find((s) => counts[s] > 0) ?? 'info';
}

/** One image reference as written (after ARG substitution) and every place it appears. */
export interface ImageGroup {
  reference: string;
  repository: string;
  tag?: string;
  digest?: string;
  pinned: boolean;
  /** Distinct places, by path then line. */
  places: AuditImage[];
}

/** One group per reference, each place once: not pinned first, then the most used, then by name. */
export function groupImages(images: readonly AuditImage[]): ImageGroup[] {
  const groups = new Map<string, ImageGroup>();
  const seen = new Set<string>();
  for (const image of images) {
    const place = `${image.reference}\u0000${image.uri}\u0000${image.line}\u0000${image.character}`;
    if (seen.has(place)) continue;
    seen.add(place);
    let group = groups.get(image.reference);
    if (!group) {
      group = { reference: image.reference, repository: image.repository, tag: image.tag, digest: image.digest, pinned: image.pinned, places: [] };
      groups.set(image.reference, group);
    }
    group.places.push(image);
  }
  for (const group of groups.values()) group.places.sort(byPlace);
  return [...groups.values()].sort(
    (a, b) => Number(a.pinned) - Number(b.pinned) || b.places.length - a.places.length || compareText(a.reference, b.reference),
  );
}

function byPlace(a: { path: string; line: number; character: number }, b: { path: string; line: number; character: number }): number {
  return compareText(a.path, b.path) || a.line - b.line || a.character - b.character;
}

export interface KindShare {
  kind: FileKind;
  pinned: number;
  total: number;
}

/** Per file kind, how many of its image references are pinned by digest; the kinds with most references first. */
export function pinnedShareByKind(images: readonly AuditImage[]): KindShare[] {
  const shares = new Map<FileKind, KindShare>();
  for (const group of groupImages(images)) {
    for (const place of group.places) {
      const share = shares.get(place.kind) ?? { kind: place.kind, pinned: 0, total: 0 };
      share.total++;
      if (group.pinned) share.pinned++;
      shares.set(place.kind, share);
    }
  }
  return [...shares.values()].sort((a, b) => b.total - a.total || compareText(a.kind, b.kind));
}

/** Findings that share a rule or a file. */
export interface FindingGroup {
  /** The rule id or the file's path. */
  key: string;
  findings: AuditFinding[];
  counts: SeverityCounts;
  /** Weighted by severity (`SEVERITY_WEIGHT`). */
  score: number;
}

export type GroupBy = 'rule' | 'file';

/** Groups heaviest first (then by key); within a group, findings by place. */
export function groupFindings(findings: readonly AuditFinding[], by: GroupBy): FindingGroup[] {
  const members = new Map<string, AuditFinding[]>();
  for (const f of findings) {
    const key = by === 'rule' ? f.rule : f.path;
    const list = members.get(key) ?? [];
    list.push(f);
    members.set(key, list);
  }
  return [...members.entries()]
    .map(([key, list]) => {
      const counts = severityCounts(list);
      return { key, findings: [...list].sort(byPlace), counts, score: weight(counts) };
    })
    .sort((a, b) => b.score - a.score || compareText(a.key, b.key));
}

/** The files with the heaviest findings, at most `limit`: where fixing pays off first. */
export function topFiles(findings: readonly AuditFinding[], limit: number): FindingGroup[] {
  return groupFindings(findings, 'file').slice(0, limit);
}
