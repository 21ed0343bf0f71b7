import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Diagnostic } from 'vscode-languageserver';
import type { LintResult } from '../../rules/engine';
import { LineIndex } from '../../rules/text';
import type { FileKind, Severity } from '../../rules/types';
import { preferredFix } from '../../rules/fixes';
import type { FileReport, Report } from '../cli/report';
import { discoverFiles, readSourceFileSync } from '../workspace';
import { diagnosticsOf } from './diagnostics';
import { uriOf } from './uris';

/** `driftless/audit` parameters: the folders to audit (file URIs); all workspace folders when absent. */
export interface AuditParams {
  folders?: string[];
}

export interface AuditFinding {
  uri: string;
  /** Relative to its workspace folder, `/`-separated. */
  path: string;
  kind: FileKind;
  rule: string;
  severity: Severity;
  message: string;
  /** 0-based, as in LSP. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export interface AuditImage {
  uri: string;
  path: string;
  line: number;
  character: number;
  /** As it resolves (ARG defaults substituted). */
  reference: string;
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
  pinned: boolean;
  source: string;
}

export interface AuditSkip {
  path: string;
  reason: string;
}

export interface AuditResult {
  /** Files linted. */
  files: number;
  /** Number of findings. */
  findings: number;
  byRule: Record<string, number>;
  /** Findings per file kind. */
  byKind: Record<string, number>;
  /** Files linted per kind. */
  filesByKind: Record<string, number>;
  durationMs: number;
  folders: string[];
  findingList: AuditFinding[];
  images: AuditImage[];
  /** Files passed over (binary, too large, unreadable) and folders that could not be read. */
  skipped: AuditSkip[];
}

export interface AuditHost {
  /** Lints a file's text with the folder's config and settings; undefined when excluded or disabled. */
  lint(file: string, text: string): LintResult | undefined;
  /** The ignore globs for a folder (config `ignore` and the `driftless.exclude` setting). */
  ignoreGlobs(folder: string): string[];
  /** `files.exclude` globs for a folder. */
  filesExclude(folder: string): Promise<string[]>;
  /** An open editor's text for a file (newer than the disk), if it is open. */
  openText(uri: string): string | undefined;
  /** Called for every audited file with its diagnostics (empty for a clean file). */
  publish(uri: string, diagnostics: Diagnostic[]): void;
  progress(done: number, total: number): void;
}

/** The result the client sees, and the CLI's report of the same run, for SARIF and JSON exports. */
export interface AuditOutcome {
  result: AuditResult;
  report: Report;
}

export class AuditCancelled extends Error {
  constructor(
    readonly done: number,
    readonly total: number,
  ) {
    super(`Audit cancelled after ${done} of ${total} files`);
    this.name = 'AuditCancelled';
  }
}

/** Matches VS Code `files.exclude` globs against a folder-relative path and each of its parent folders. */
export function excludeMatcher(globs: readonly string[]): (relative: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = picomatch([...globs], { dot: true });
  return (relative) => {
    const parts = relative.split('/');
    for (let i = 1; i <= parts.length; i++) if (match(parts.slice(0, i).join('/'))) return true;
    return false;
  };
}

const YIELD_EVERY_MS = 15;

/** Lints every file under the folders, publishing as it goes; cancellable between files. */
export async function auditFolders(folders: readonly string[], host: AuditHost, cancelled: () => boolean): Promise<AuditOutcome> {
  const started = performance.now();
  const result: AuditResult = {
    files: 0,
    findings: 0,
    byRule: {},
    byKind: {},
    filesByKind: {},
    durationMs: 0,
    folders: folders.map(uriOf),
    findingList: [],
    images: [],
    skipped: [],
  };
  const report: Report = { files: [], notices: [] };
  const work: { folder: string; file: string }[] = [];
  for (const folder of folders) {
    const discovery = await discoverFiles([folder], { ignore: { base: folder, patterns: host.ignoreGlobs(folder) } });
    const excluded = excludeMatcher(await host.filesExclude(folder));
    for (const notice of discovery.notices) {
      result.skipped.push({ path: relativeTo(folder, notice.path), reason: notice.message });
      report.notices.push({ display: relativeTo(folder, notice.path), message: notice.message, unreadable: notice.unreadable });
    }
    for (const found of discovery.files) if (!excluded(relativeTo(folder, found.path))) work.push({ folder, file: found.path });
  }
  const total = work.length;
  host.progress(0, total);
  let lastYield = performance.now();
  for (let done = 0; done < total; done++) {
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
      host.progress(done, total);
    }
    if (cancelled()) throw new AuditCancelled(done, total);
    const { folder, file } = work[done];
    const uri = uriOf(file);
    const rel = relativeTo(folder, file);
    let text = host.openText(uri);
    if (text === undefined) {
      // Synchronous, as in the CLI: four promise round trips per small file cost more than the read; the loop
      // still yields every YIELD_EVERY_MS.
      const read = readSourceFileSync(file);
      if (read.status !== 'text') {
        result.skipped.push({ path: rel, reason: read.reason });
        report.notices.push({ display: rel, message: read.reason, unreadable: read.status === 'unreadable' });
        continue;
      }
      text = read.text;
    }
    const linted = host.lint(file, text);
    if (!linted?.kind) continue;
    record(result, uri, rel, linted, text);
    report.files.push(fileReport(file, rel, linted, text));
    host.publish(uri, diagnosticsOf(linted, text));
  }
  host.progress(total, total);
  result.durationMs = Math.round(performance.now() - started);
  return { result, report };
}

function fileReport(file: string, rel: string, linted: LintResult, text: string): FileReport {
  const lines = new LineIndex(text);
  return {
    path: file,
    display: rel,
    kind: linted.kind as FileKind,
    applied: [],
    findings: linted.findings.map((finding) => {
      const fix = preferredFix(finding);
      // The report keeps what the exports print; the fixes' own edits are placed once, below, and dropped here.
      return {
        finding: { ...finding, fixes: [] },
        ...(fix ? { fix: { title: fix.title, edits: fix.edits.map((e) => ({ range: lines.range(e.span), newText: e.newText })) } } : {}),
      };
    }),
  };
}

function record(result: AuditResult, uri: string, rel: string, linted: LintResult, text: string): void {
  const kind = linted.kind as FileKind;
  result.files++;
  result.filesByKind[kind] = (result.filesByKind[kind] ?? 0) + 1;
  for (const f of linted.findings) {
    result.findings++;
    result.byRule[f.rule] = (result.byRule[f.rule] ?? 0) + 1;
    result.byKind[kind] = (result.byKind[kind] ?? 0) + 1;
    result.findingList.push({
      uri,
      path: rel,
      kind,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line,
      character: f.range.start.character,
      endLine: f.range.end.line,
      endCharacter: f.range.end.character,
    });
  }
  const images = linted.facts?.images ?? [];
  if (images.length === 0) return;
  const lines = new LineIndex(text);
  for (const image of images) {
    const at = lines.position(image.span.start);
    result.images.push({
      uri,
      path: rel,
      line: at.line,
      character: at.character,
      reference: image.text,
      registry: image.registry,
      repository: image.repository,
      tag: image.tag,
      digest: image.digest,
      pinned: image.digest !== undefined,
      source: image.source,
    });
  }
}

function relativeTo(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/');
}
