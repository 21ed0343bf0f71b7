import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { RULE_IDS } from '../../rules/catalogue';
import type { LintResult } from '../../rules/engine';
import { LineIndex } from '../../rules/text';
import type { Finding, Severity, Span } from '../../rules/types';
import { uriOf } from './uris';

export const SOURCE = 'driftless';

/** What a diagnostic carries for its code actions (LSP `data`). */
export interface DiagnosticData {
  rule: string;
  span: Span;
  /** Titles of the fixes the finding offers (local and digest). */
  fixes: string[];
  /** The image reference, for image findings that can be pinned. */
  image?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
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

export function toDiagnostic(finding: Finding): Diagnostic {
  const digest = finding.fixes.find((f) => f.kind === 'digest');
  const data: DiagnosticData = {
    rule: finding.rule,
    span: finding.span,
    fixes: finding.fixes.map((f) => f.title),
    ...(digest?.kind === 'digest' ? { image: digest.image } : {}),
  };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocumentationUri(finding.rule) },
    source: SOURCE,
    message: finding.message,
    data,
  };
}

/** Diagnostics for a lint result: findings, and parse errors the rules did not already report. */
export function diagnosticsOf(result: LintResult | undefined, text: string): Diagnostic[] {
  if (!result) return [];
  const diagnostics = result.findings.map(toDiagnostic);
  const reported = new Set(result.findings.map((f) => f.rule));
  const parseErrors = result.facts?.parseErrors.filter((e) => !RULE_IDS.has(e.rule) && !reported.has(e.rule)) ?? [];
  if (parseErrors.length > 0) {
    const lines = new LineIndex(text);
    for (const error of parseErrors) {
      diagnostics.push({
        range: lines.range(error.span),
        severity: DiagnosticSeverity.Error,
        code: error.rule,
        source: SOURCE,
        message: error.message,
      });
    }
  }
  return diagnostics;
}
