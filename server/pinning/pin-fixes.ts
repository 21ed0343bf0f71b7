import { EditSet } from '../../rules/fixes';
import { applyEdits } from '../../rules/text';
import type { NetworkFix, TextEdit } from '../../rules/types';
import { mapBounded } from '../registry/limiter';
import { resolverFor, type FixResolver, type FixResolvers, type Lookup, type NetworkFixKind } from './resolver';

/** Per distinct lookup; `offset` is where its reference first appears in the file, `fix` the first fix asking it. */
export type NetworkPinOutcome =
  | { ok: true; kind: NetworkFixKind; subject: string; fix: NetworkFix; offset: number; value: string; label?: string; cached: boolean }
  | { ok: false; kind: NetworkFixKind; subject: string; fix: NetworkFix; offset: number; reason: string; message: string };

export interface NetworkPinResult {
  /** The text with every resolved reference pinned; references that failed are left exactly as they were. */
  text: string;
  /** One per distinct lookup, in the order they first appear in the file. */
  outcomes: NetworkPinOutcome[];
}

export interface PinFixesOptions {
  /** Lookups in flight at once (each client further bounds its own requests). */
  concurrency?: number;
  signal?: AbortSignal;
}

interface Group {
  resolver: FixResolver | undefined;
  fixes: NetworkFix[];
  firstOffset: number;
}

/**
 * Pins every network fix of a file: fixes asking the same lookup are grouped and resolved once by the resolver
 * of their kind, each answer is written only after that resolver checked it again, and a failed lookup or an
 * edit that clashes with another changes nothing.
 */
export async function pinFixes(text: string, fixes: readonly NetworkFix[], resolvers: FixResolvers, options: PinFixesOptions = {}): Promise<NetworkPinResult> {
  const groups = new Map<string, Group>();
  for (const fix of fixes) {
    const resolver = resolverFor(resolvers, fix);
    const key = `${fix.kind}\n${resolver ? resolver.key(fix) : fix.title}`;
    const first = Math.min(...fix.edits.map((e) => e.span.start));
    const group = groups.get(key);
    if (group) {
      group.fixes.push(fix);
      group.firstOffset = Math.min(group.firstOffset, first);
    } else {
      groups.set(key, { resolver, fixes: [fix], firstOffset: first });
    }
  }
  const ordered = [...groups.values()].sort((a, b) => a.firstOffset - b.firstOffset);
  const byResolver = new Map<FixResolver, NetworkFix[]>();
  for (const group of ordered) if (group.resolver) byResolver.set(group.resolver, [...(byResolver.get(group.resolver) ?? []), group.fixes[0]]);
  for (const [resolver, firsts] of byResolver) resolver.prepare?.(firsts);
  const answers = await mapBounded(ordered, options.concurrency ?? 8, (group): Promise<Lookup> => {
    const fix = group.fixes[0];
    if (!group.resolver) return Promise.resolve({ ok: false, reason: 'unsupported', message: `${fix.title}: no ${fix.kind} lookups here` });
    return group.resolver.resolve(fix, options.signal);
  });
  const accepted = new EditSet();
  const outcomes = ordered.map((group, i): NetworkPinOutcome => {
    const fix = group.fixes[0];
    const answer = answers[i];
    const subject = group.resolver ? group.resolver.subject(fix) : fix.title;
    const base = { kind: fix.kind, subject, fix, offset: group.firstOffset };
    if (!answer.ok) return { ok: false, ...base, reason: answer.reason, message: answer.message };
    const resolver = group.resolver as FixResolver;
    const edits: TextEdit[] = [];
    for (const each of group.fixes) {
      const written = resolver.edits(each, answer);
      if (!Array.isArray(written)) return { ok: false, ...base, reason: written.reason, message: written.message };
      edits.push(...written);
    }
    const clash = accepted.addUnlessClash(edits);
    if (clash) {
      return { ok: false, ...base, reason: 'conflict', message: `${subject}: its edit at offset ${clash.span.start} clashes with another ${resolver.noun}'s` };
    }
    return { ok: true, ...base, value: answer.value, ...(answer.label !== undefined ? { label: answer.label } : {}), cached: answer.cached };
  });
  return { text: applyEdits(text, accepted.edits), outcomes };
}
