import { RULE_IDS, RULES } from './catalogue';
import { FRONT_ENDS } from './front-ends';
import { withDocumentParseCache, type DocumentParseCache } from './document-cache';
import { hasFileName } from './file-names';
import { Suppressions } from './suppression';
import { LineIndex } from './text';
import { layerOf, type Facts, type FileKind, type FileProbe, type Finding, type FrontEnd, type IncludedFile, type SeveritySetting, type SourceFile } from './types';

export interface LintOptions {
  /** Severity overrides per rule (config file, then editor settings). */
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** Lint as this kind instead of classifying (a file named explicitly, a language mode). */
  kind?: FileKind;
  probe?: FileProbe;
  /** The document's parsed scripts and YAML documents from earlier lints (a language server keeps one per open document). */
  parseCache?: DocumentParseCache;
}

export interface LintResult {
  kind: FileKind | undefined;
  findings: Finding[];
  /** The facts the findings came from; the server uses them for suppression fixes and the image inventory. */
  facts: Facts | undefined;
}

const NO_FILES: FileProbe = { exists: () => false };

const loading = new Map<FrontEnd, Promise<void>>();
const ready = new Set<FrontEnd>();

/**
 * Loads the parsers' WASM, once, for the front ends of `kinds` (every kind by default); linting files of those
 * kinds is synchronous after this. A run that holds no Chef recipe is spared the Ruby parser.
 */
export function initEngine(kinds?: readonly FileKind[]): Promise<void> {
  const frontEnds = kinds ? FRONT_ENDS.filter((f) => f.kinds.some((k) => kinds.includes(k))) : FRONT_ENDS;
  return Promise.all(frontEnds.map((f) => initFrontEnd(f))).then(() => undefined);
}

function initFrontEnd(frontEnd: FrontEnd): Promise<void> {
  let promise = loading.get(frontEnd);
  if (!promise) {
    promise = Promise.resolve(frontEnd.init?.()).then(() => {
      ready.add(frontEnd);
    });
    loading.set(frontEnd, promise);
  }
  return promise;
}

export function classify(file: SourceFile, probe: FileProbe = NO_FILES): FileKind | undefined {
  for (const frontEnd of FRONT_ENDS) {
    if (!hasFileName(frontEnd.files, file.path)) continue;
    const kind = frontEnd.classify(file, probe);
    if (kind) return kind;
  }
  return undefined;
}

export function lint(file: SourceFile, options: LintOptions = {}): LintResult {
  const probe = options.probe ?? NO_FILES;
  // Classification parses too (YAML kinds are told by content): it shares the document's cache with extraction.
  const extracted = withDocumentParseCache(options.parseCache, () => {
    const kind = options.kind ?? classify(file, probe);
    const frontEnd = kind && FRONT_ENDS.find((f) => f.kinds.includes(kind));
    if (!kind || !frontEnd) return undefined;
    if (!ready.has(frontEnd)) throw new Error(`initEngine() must be awaited for ${kind} files before lint()`);
    return { kind, facts: frontEnd.extract(file, kind, probe) };
  });
  if (!extracted) return { kind: undefined, findings: [], facts: undefined };
  return { kind: extracted.kind, findings: check(extracted.facts, file.text, options.rules ?? {}), facts: extracted.facts };
}

/** Runs every rule on the facts and settles severity and suppression. */
export function check(facts: Facts, text: string, settings: Readonly<Record<string, SeveritySetting>>): Finding[] {
  const layer = layerOf(facts.kind);
  const lines = new LineIndex(text);
  const suppressions = new Suppressions(facts, lines, RULE_IDS);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const byDefault = rule.severity[layer];
    const setting = settings[rule.id];
    if (byDefault === undefined || setting === 'off') continue;
    for (const found of rule.check(facts, layer)) {
      if (suppressions.isSuppressed(rule.id, found.span)) continue;
      // Spelled out: spreading `found` cost a hundred times more (V8's slow path for these objects).
      findings.push({
        span: found.span,
        message: found.message,
        fixes: found.fixes,
        rule: rule.id,
        severity: setting ?? found.severity ?? byDefault,
        range: lines.range(found.span),
      });
    }
    for (const included of facts.included ?? []) {
      if (suppressions.isSuppressed(rule.id, included.span)) continue;
      for (const found of rule.check(included.facts, layer)) {
        findings.push({
          span: included.span,
          message: `${found.message} (${included.path}, line ${lineIn(included, found.span.start)})`,
          fixes: [],
          rule: rule.id,
          severity: setting ?? found.severity ?? byDefault,
          range: lines.range(included.span),
        });
      }
    }
  }
  return findings.sort((a, b) => a.span.start - b.span.start || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

/** The 1-based line of `offset` in the included file. */
function lineIn(included: IncludedFile, offset: number): number {
  const lines = new LineIndex(included.text);
  return lines.position(offset).line - lines.position(included.contentStart).line + 1;
}
