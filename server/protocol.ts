// What the VS Code client and the language server say to each other beyond LSP: the only module `client/`
// imports from `server/`. Types and constants only, so the client bundle does not pull in server code.
import type { FileKind, Severity } from '../rules/types';

export const AUDIT_REQUEST = 'driftless/audit';
export const EXPORT_REQUEST = 'driftless/exportAudit';
export const AUDIT_FINDINGS_REQUEST = 'driftless/auditFindings';
export const TRUST_NOTIFICATION = 'driftless/workspaceTrust';

/** The source action that applies every local fix in a file. */
export const FIX_ALL_KIND = 'source.fixAll.driftless';
/** The source action that pins every image in a file to its digest. */
export const PIN_ALL_KIND = 'source.pinDigests.driftless';
/** The command behind "Pin download to its checksum": it asks before downloading, so it runs on the server. */
export const PIN_CHECKSUM_COMMAND = 'driftless.pinDownloadChecksum';

export const EXPORT_FORMATS = ['sarif', 'json', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the client tells the server once, at `initialize`. */
export interface InitializationOptions {
  /** Milliseconds between the last change and linting (default 200; benchmarks set 0). */
  debounceMs?: number;
  /** VS Code's Workspace Trust; clients that have none count as trusted. */
  workspaceTrusted?: boolean;
}

/** `driftless/workspaceTrust` parameters. */
export interface TrustParams {
  trusted: boolean;
}

/** `driftless/exportAudit` parameters; the answer is the last audit in that format. */
export interface ExportParams {
  format: ExportFormat;
}

/** `driftless/audit` parameters: the folders to audit (file URIs); all workspace folders when absent. */
export interface AuditParams {
  folders?: string[];
  /**
   * At most this many findings in the answer's `findingList` (the first, in its order); the others come a page
   * at a time by `driftless/auditFindings`. Every finding when absent. A large workspace's findings in one
   * answer held the server's memory tens of MB above its working set while it was written.
   */
  findingLimit?: number;
}

/** `driftless/auditFindings` parameters: a page of one audit's `findingList`. The answer is an `AuditFinding[]`. */
export interface AuditFindingsParams {
  /** The audit's `auditId`; a request for another than the last audit fails. */
  auditId: number;
  /** Index of the page's first finding in `findingList`'s order. */
  offset: number;
  limit: number;
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

/** An image reference in a file, at the 0-based position of the reference. */
export interface ImageReference {
  line: number;
  character: number;
  /** As it resolves (ARG defaults substituted). */
  reference: string;
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
  source: string;
}

export interface AuditImage extends ImageReference {
  uri: string;
  /** Relative to its workspace folder, `/`-separated. */
  path: string;
  /** The kind of the file that holds the reference. */
  kind: FileKind;
  pinned: boolean;
}

export interface AuditSkip {
  path: string;
  reason: string;
}

/** What the report panel shows of a run, from `summarize(report)`. */
export interface AuditSummary {
  /** Files linted. */
  files: number;
  /** Number of findings. */
  findings: number;
  byRule: Record<string, number>;
  /** Findings per file kind. */
  byKind: Record<string, number>;
  /** Files linted per kind. */
  filesByKind: Record<string, number>;
  findingList: AuditFinding[];
  images: AuditImage[];
  /** Files passed over (binary, too large, unreadable) and folders that could not be read. */
  skipped: AuditSkip[];
}

/** The `driftless/audit` answer. */
export interface AuditResult extends AuditSummary {
  durationMs: number;
  /** Files the audit looked at: the total its progress counts ("n of `examined` files"). */
  examined: number;
  /** Examined files no front end claimed (not infrastructure code) or that the settings turned off. */
  unclassified: number;
  /** Examined files not read: binary, too large or unreadable (each also in `skipped`). */
  unread: number;
  /** Names this audit for `driftless/auditFindings`; the server always sets it. */
  auditId?: number;
}
