import { RULE_IDS, RULES } from './catalogue';
import { FRONT_ENDS } from './front-ends';
import { withDocumentParseCache, type DocumentParseCache } from './document-cache';
import { hasFileName } from './file-names';
import { Suppressions } from './suppression';
import { LineIndex } from './text';
import { internalError } from './checks/internal-error';
import { compileAhead, TREE_SITTER_RUNTIME } from './tree-sitter/wasm-modules';
import { emptyFacts, layerOf, type Facts, type FileKind, type FileProbe, type Finding, type FrontEnd, type FrontEndEntry, type IncludedFile, type ParseError, type SeveritySetting, type SourceFile } from './types';

export interface LintOptions {
  /** Severity overrides per rule (config file, then editor settings). */
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** Lint as this kind instead of classifying (a file named explicitly, a language mode). */
  kind?: FileKind;
  probe?: FileProbe;
  /** The document's parsed scripts and YAML documents from earlier lints (a language server keeps one per open document). */
  parseCache?: DocumentParseCache;
  /** The kind of a file no front end claims, when there is one (a file named explicitly); undefined: not linted. */
  fallbackKind?: (file: SourceFile) => FileKind | undefined;
}

export interface LintResult {
  kind: FileKind | undefined;
  findings: Finding[];
  /** The facts the findings came from; the server uses them for suppression fixes and the image inventory. */
  facts: Facts | undefined;
  /** Driftless itself failed on the file (a front end or a rule threw): an `internal-error` finding says so. */
  failure?: LintFailure;
}

/** An unexpected error while linting one file, kept as text so that it crosses worker threads. */
export interface LintFailure {
  /** One line, control characters escaped: what the finding says. */
  cause: string;
  /** The error's stack, for the log: its lines kept, other control characters (terminal escapes) escaped. */
  stack: string;
}

/** `lint()` before `initEngine()` for the kind: a mistake of the caller's, thrown, never turned into a finding. */
export class EngineNotReadyError extends Error {
  constructor(kind: FileKind) {
    super(`initEngine() must be awaited for ${kind} files before lint()`);
    this.name = 'EngineNotReadyError';
  }
}

const NO_FILES: FileProbe = { exists: () => false };

/** Front ends imported: they classify. */
const imported = new Map<FrontEndEntry, FrontEnd>();
const importing = new Map<FrontEndEntry, Promise<FrontEnd>>();
/** Front ends whose parsers are loaded too: they extract. */
const ready = new Set<FrontEndEntry>();
const initialising = new Map<FrontEndEntry, Promise<void>>();

/**
 * Loads the front ends of `kinds` (every kind by default), once: their modules and their parsers' WASM; linting
 * files of those kinds is synchronous after this. A run that holds no Chef recipe is spared the Ruby parser, one
 * with no files at all every front end. Classifying a file asks every front end whose names fit it, so the
 * front ends of the same languages are imported too (a `pod.yaml` is asked whether it is a workflow first),
 * without their parsers.
 */
export function initEngine(kinds?: readonly FileKind[]): Promise<void> {
  const entries = kinds ? FRONT_ENDS.filter((f) => f.kinds.some((k) => kinds.includes(k))) : FRONT_ENDS;
  const languages = new Set(entries.flatMap((f) => f.files.languages));
  const asked = FRONT_ENDS.filter((f) => f.files.languages.some((language) => languages.has(language)));
  const grammars = new Set(entries.flatMap((f) => (initialising.has(f) ? [] : (f.grammars ?? []))));
  if (grammars.size > 0) compileAhead([TREE_SITTER_RUNTIME, ...grammars]);
  return Promise.all([...asked.map(importFrontEnd), ...entries.map(initFrontEnd)]).then(() => undefined);
}

function importFrontEnd(entry: FrontEndEntry): Promise<FrontEnd> {
  let promise = importing.get(entry);
  if (!promise) {
    promise = entry.load().then((frontEnd) => {
      imported.set(entry, frontEnd);
      return frontEnd;
    });
    importing.set(entry, promise);
  }
  return promise;
}

function initFrontEnd(entry: FrontEndEntry): Promise<void> {
  let promise = initialising.get(entry);
  if (!promise) {
    promise = importFrontEnd(entry).then(async (frontEnd) => {
      await frontEnd.init?.();
      ready.add(entry);
    });
    initialising.set(entry, promise);
  }
  return promise;
}

/** The front end of an entry, to classify with; EngineNotReadyError when `initEngine()` did not import it. */
function importedFrontEnd(entry: FrontEndEntry): FrontEnd {
  const frontEnd = imported.get(entry);
  if (!frontEnd) throw new EngineNotReadyError(entry.kinds[0]);
  return frontEnd;
}

/** The front end of an entry, to extract with; EngineNotReadyError when `initEngine()` was not awaited for its kinds. */
function readyFrontEnd(entry: FrontEndEntry): FrontEnd {
  const frontEnd = imported.get(entry);
  if (!frontEnd || !ready.has(entry)) throw new EngineNotReadyError(entry.kinds[0]);
  return frontEnd;
}

/** Whether `text` reads as `kind` whatever its file's name (for a file named explicitly that no front end's names fit). */
export function readsAs(kind: FileKind, text: string): boolean {
  const entry = FRONT_ENDS.find((f) => f.kinds.includes(kind));
  return entry !== undefined && importedFrontEnd(entry).readsAs?.(text) === true;
}

export function classify(file: SourceFile, probe: FileProbe = NO_FILES): FileKind | undefined {
  for (const entry of FRONT_ENDS) {
    if (!hasFileName(entry.files, file.path)) continue;
    const kind = importedFrontEnd(entry).classify(file, probe);
    if (kind) return kind;
  }
  return undefined;
}

/**
 * Lints one file. Never throws for the file's sake: an unexpected error in a front end or a rule becomes one
 * `internal-error` finding on the file naming the cause (with `failure` set for the log), and the findings of
 * the rules that did run are kept.
 */
export function lint(file: SourceFile, options: LintOptions = {}): LintResult {
  const tried: { kind?: FileKind } = { kind: options.kind };
  try {
    return lintOrThrow(file, options, tried);
  } catch (error) {
    if (error instanceof EngineNotReadyError) throw error;
    return couldNotLint(tried.kind, error, options.rules ?? {});
  }
}

function lintOrThrow(file: SourceFile, options: LintOptions, tried: { kind?: FileKind }): LintResult {
  const probe = options.probe ?? NO_FILES;
  // Classification parses too (YAML kinds are told by content): it shares the document's cache with extraction.
  const extracted = withDocumentParseCache(options.parseCache, () => {
    const kind = options.kind ?? classifyNoting(file, probe, tried) ?? options.fallbackKind?.(file);
    const entry = kind && FRONT_ENDS.find((f) => f.kinds.includes(kind));
    if (!kind || !entry) return undefined;
    tried.kind = kind;
    return { kind, facts: readyFrontEnd(entry).extract(file, kind, probe) };
  });
  if (!extracted) return { kind: undefined, findings: [], facts: undefined };
  const failures: LintFailure[] = [];
  const findings = checkFacts(extracted.facts, file.text, options.rules ?? {}, failures);
  if (extracted.facts.parseErrors.some((e) => WHOLE_FILE_SYNTAX.has(e.rule))) withholdLocalFixes(findings);
  return { kind: extracted.kind, findings, facts: extracted.facts, ...(failures.length > 0 ? { failure: failures[0] } : {}) };
}

/**
 * Syntax errors of a parse of the whole file (YAML's are per document, and its front ends withhold edits there).
 * The parser's recovery decides what it reads after the error, and an edit can move that: an edit in such a file
 * cannot be checked to leave it as it read, so none is offered (as Ruff does not fix a file with a syntax error).
 */
const WHOLE_FILE_SYNTAX = new Set<ParseError['rule']>(['ruby-syntax', 'hcl-syntax', 'puppet-syntax']);

function withholdLocalFixes(findings: Finding[]): void {
  for (const finding of findings) if (finding.fixes.some((f) => f.kind === 'local')) finding.fixes = finding.fixes.filter((f) => f.kind !== 'local');
}

/** classify(), noting the kind of the front end being asked: if it throws, the file is reported as that kind. */
function classifyNoting(file: SourceFile, probe: FileProbe, tried: { kind?: FileKind }): FileKind | undefined {
  for (const entry of FRONT_ENDS) {
    if (!hasFileName(entry.files, file.path)) continue;
    const frontEnd = importedFrontEnd(entry);
    tried.kind = entry.kinds[0];
    const kind = frontEnd.classify(file, probe);
    if (kind) return kind;
  }
  tried.kind = undefined;
  return undefined;
}

/** The result of a file whose front end failed: one `internal-error` finding on its first character. */
function couldNotLint(kind: FileKind | undefined, error: unknown, settings: Readonly<Record<string, SeveritySetting>>): LintResult {
  const failure = lintFailure(error);
  if (kind === undefined) return { kind: undefined, findings: [], facts: undefined, failure };
  const facts = emptyFacts(kind);
  const span = { start: 0, end: 0 };
  const message = `Driftless could not lint this file: ${failure.cause}. This is a defect in Driftless; the other files are linted.`;
  facts.parseErrors.push({ rule: 'internal-error', message, span });
  const setting = settings[internalError.id];
  if (setting === 'off') return { kind, findings: [], facts, failure };
  const severity = setting ?? internalError.severity[layerOf(kind)] ?? 'warning';
  const at = { line: 0, character: 0 };
  // Built here rather than by check(): the text may be what made everything else fail.
  return { kind, findings: [{ span, message, fixes: [], rule: internalError.id, severity, range: { start: at, end: at } }], facts, failure };
}

const CAUSE_MAX_LENGTH = 300;

function lintFailure(error: unknown): LintFailure {
  const described = error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${typeof error}: ${String(error)}`;
  // Messages can quote the file: no line breaks or terminal escapes reach a report, a log line or a SARIF viewer.
  const oneLine = described.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const cause = oneLine.length > CAUSE_MAX_LENGTH ? `${oneLine.slice(0, CAUSE_MAX_LENGTH)}…` : oneLine;
  const stack = (error instanceof Error && error.stack ? error.stack : described).replace(
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return { cause, stack };
}

/** Runs every rule on the facts and settles severity and suppression. */
export function check(facts: Facts, text: string, settings: Readonly<Record<string, SeveritySetting>>): Finding[] {
  return checkFacts(facts, text, settings, []);
}

/** check(), where a rule that throws adds an `internal-error` finding (and its error to `failures`) and the others go on. */
function checkFacts(facts: Facts, text: string, settings: Readonly<Record<string, SeveritySetting>>, failures: LintFailure[]): Finding[] {
  const layer = layerOf(facts.kind);
  const lines = new LineIndex(text);
  const suppressions = new Suppressions(facts, lines, RULE_IDS);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const byDefault = rule.severity[layer];
    const setting = settings[rule.id];
    if (byDefault === undefined || setting === 'off') continue;
    let found;
    let inIncluded;
    try {
      found = rule.check(facts, layer);
      inIncluded = (facts.included ?? []).map((included) => ({ included, found: rule.check(included.facts, layer) }));
    } catch (error) {
      // internal-error runs last and reports this.
      const failure = lintFailure(error);
      failures.push(failure);
      const message = `Driftless could not check the rule ${rule.id} on this file: ${failure.cause}. This is a defect in Driftless; the other rules are checked.`;
      facts.parseErrors.push({ rule: 'internal-error', message, span: { start: 0, end: 0 } });
      continue;
    }
    for (const one of found) {
      if (suppressions.isSuppressed(rule.id, one.span)) continue;
      // Spelled out: spreading `one` cost a hundred times more (V8's slow path for these objects).
      const finding: Finding = {
        span: one.span,
        message: one.message,
        fixes: one.fixes,
        rule: rule.id,
        severity: setting ?? one.severity ?? byDefault,
        range: lines.range(one.span),
      };
      if (one.related) finding.related = one.related.map((r) => ({ span: r.span, message: r.message, range: lines.range(r.span) }));
      findings.push(finding);
    }
    for (const { included, found: inFile } of inIncluded) {
      if (suppressions.isSuppressed(rule.id, included.span)) continue;
      for (const one of inFile) {
        findings.push({
          span: included.span,
          message: `${one.message} (${included.path}, line ${lineIn(included, one.span.start)})`,
          fixes: [],
          rule: rule.id,
          severity: setting ?? one.severity ?? byDefault,
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
