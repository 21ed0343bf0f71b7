import picomatch from 'picomatch';
import type { Diagnostic } from 'vscode-languageserver';
import type { LintResult } from '../../rules/engine';
import { discoveryNotice, fileReport, readNotice } from '../report/file-report';
import type { Report } from '../report/model';
import { discoverFiles, readSourceFileSync } from '../workspace';
import { diagnosticsOf } from './diagnostics';
import type { InfoSeverityInEditor } from './settings';
import { uriOf } from './uris';
import { posixRelative } from '../workspace/ignore-rules';

export interface AuditHost {
  /** Lints a file's text with the folder's config and settings; undefined when excluded or disabled. */
  lint(file: string, text: string): LintResult | undefined;
  /** Whether the config in force (`ignore`) or the `driftless.exclude` setting covers a path met in the walk. */
  ignores(path: string, isDir: boolean): boolean;
  /** `files.exclude` globs for a folder. */
  filesExclude(folder: string): Promise<string[]>;
  /** An open editor's text for a file (newer than the disk), if it is open. */
  openText(uri: string): string | undefined;
  /** How the editor shows `info` findings (the setting `driftless.infoSeverityInEditor`). */
  infoSeverity: InfoSeverityInEditor;
  /** Called for every audited file with its diagnostics (empty for a clean file). */
  publish(uri: string, diagnostics: Diagnostic[]): void;
  progress(done: number, total: number): void;
}

/** The audit's report, as the CLI would build it for the same files, and how long it took. */
export interface AuditOutcome {
  report: Report;
  durationMs: number;
  /** Every file the progress counted: `report.files.length + unclassified + unread`. */
  examined: number;
  /** Read, but no front end claimed it (or the settings turned linting off). */
  unclassified: number;
  /** Binary, too large or unreadable: each has a notice in the report. */
  unread: number;
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
  const report: Report = { files: [], notices: [] };
  const work: { folder: string; file: string }[] = [];
  for (const folder of folders) {
    const discovery = await discoverFiles([folder], { ignores: host.ignores });
    const excluded = excludeMatcher(await host.filesExclude(folder));
    for (const notice of discovery.notices) report.notices.push(discoveryNotice(posixRelative(folder, notice.path), notice));
    for (const found of discovery.files) if (!excluded(posixRelative(folder, found.path))) work.push({ folder, file: found.path });
  }
  const total = work.length;
  host.progress(0, total);
  let lastYield = performance.now();
  let unclassified = 0;
  let unread = 0;
  for (let done = 0; done < total; done++) {
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
      host.progress(done, total);
    }
    if (cancelled()) throw new AuditCancelled(done, total);
    const { folder, file } = work[done];
    const uri = uriOf(file);
    const rel = posixRelative(folder, file);
    let text = host.openText(uri);
    if (text === undefined) {
      // Synchronous, as in the CLI: four promise round trips per small file cost more than the read; the loop
      // still yields every YIELD_EVERY_MS.
      const read = readSourceFileSync(file);
      if (read.status !== 'text') {
        report.notices.push(readNotice(rel, read));
        unread++;
        continue;
      }
      text = read.text;
    }
    const linted = host.lint(file, text);
    if (!linted?.kind) {
      unclassified++;
      continue;
    }
    report.files.push(fileReport(file, rel, linted.kind, linted, text));
    host.publish(uri, diagnosticsOf(linted, uri, host.infoSeverity));
  }
  host.progress(total, total);
  return { report, durationMs: Math.round(performance.now() - started), examined: total, unclassified, unread };
}


