import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { LintResult } from '../../rules/engine';
import type { Finding, Severity } from '../../rules/types';
import type { InfoSeverityInEditor } from './settings';
import { uriOf } from './uris';

export const SOURCE = 'driftless';

const SEVERITY: Record<Exclude<Severity, 'info'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
};

const INFO: Record<InfoSeverityInEditor, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
};

/** `docs/rules/` beside the bundle (dist/../docs) or in the source tree (server/lsp/../../docs). */
function findDocsRoot(): string {
  const candidates = [path.resolve(__dirname, '..', 'docs', 'rules'), path.resolve(__dirname, '..', '..', 'docs', 'rules')];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}

const docsRoot = findDocsRoot();

const documentationUris = new Map<string, string>();

/** The rule's documentation page shipped with the extension (built once per rule: every diagnostic carries it). */
export function ruleDocumentationUri(rule: string): string {
  let uri = documentationUris.get(rule);
  if (uri === undefined) {
    uri = uriOf(path.join(docsRoot, `${rule}.md`));
    documentationUris.set(rule, uri);
  }
  return uri;
}

/**
 * `uri`: the document's, where the finding's related places are. An `info` finding is a hint by default (dots under
 * the text, no squiggle, not in Problems: the setting `driftless.infoSeverityInEditor`); the CLI and SARIF keep `info`.
 */
export function toDiagnostic(finding: Finding, uri: string, info: InfoSeverityInEditor = 'hint'): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: finding.severity === 'info' ? INFO[info] : SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocumentationUri(finding.rule) },
    source: SOURCE,
    message: finding.message,
  };
  if (finding.related) diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return diagnostic;
}

/**
 * The most diagnostics sent for one file: an editor slows down long before it shows thousands, and a generated
 * file can hold hundreds of thousands of findings. The rest are counted in one last diagnostic.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/**
 * Diagnostics for a lint result of the document at `uri`, one per finding (a parse error is the finding of its
 * syntax rule), at most MAX_DIAGNOSTICS_PER_FILE + 1.
 */
export function diagnosticsOf(result: LintResult | undefined, uri: string, info: InfoSeverityInEditor = 'hint'): Diagnostic[] {
  if (!result) return [];
  const { findings } = result;
  const toUriDiagnostic = (finding: Finding) => toDiagnostic(finding, uri, info);
  if (findings.length <= MAX_DIAGNOSTICS_PER_FILE) return findings.map(toUriDiagnostic);
  const shown = findings.slice(0, MAX_DIAGNOSTICS_PER_FILE).map(toUriDiagnostic);
  const at = findings[MAX_DIAGNOSTICS_PER_FILE].range.start;
  shown.push({
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `${findings.length - MAX_DIAGNOSTICS_PER_FILE} more Driftless findings in this file are not shown (at most ${MAX_DIAGNOSTICS_PER_FILE} per file); the CLI lists them all.`,
  });
  return shown;
}

/** What an open document too large to lint shows instead of findings: one diagnostic on its first line. */
export function tooLargeDiagnostic(reason: string): Diagnostic {
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: SOURCE, message: `Driftless does not lint this file: ${reason}.` };
}
