import { isSeq, parseDocument } from 'yaml';
import { lint, readsAs, type LintResult } from '../../rules/engine';
import type { DocumentParseCache } from '../../rules/document-cache';
import type { FileKind, FileProbe, SeveritySetting } from '../../rules/types';
import { kindsNamed } from '../../rules/file-kinds';
import { diskProbe } from './probe';

export interface LintPathOptions {
  /** Severity overrides per rule: the config's, then the editor's. */
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** Named by the user: linted even when no front end claims it. */
  explicit?: boolean;
  /** The document's parsed scripts and YAML documents from earlier lints (the language server's open documents). */
  parseCache?: DocumentParseCache;
  /** What the front ends ask about other files; the disk by default. */
  probe?: FileProbe;
}

/** Lints one file's text as the engine classifies it, or, for a file named explicitly, as its name suggests. */
export function lintPath(path: string, text: string, options: LintPathOptions = {}): LintResult {
  return lint(
    { path, text },
    {
      rules: options.rules,
      probe: options.probe ?? diskProbe,
      parseCache: options.parseCache,
      fallbackKind: options.explicit ? (file) => kindFromName(file.path, file.text) : undefined,
    },
  );
}

/**
 * The kind of an explicitly named file no front end claimed: Ruby is a Chef recipe; YAML is Ansible when
 * its top level is a list (plays, tasks), Kubernetes otherwise; other text is a Dockerfile when it reads as one
 * (its first instruction is FROM), else no kind Driftless lints (a shell script, a template).
 */
export function kindFromName(path: string, text: string): FileKind | undefined {
  const named = kindsNamed(path);
  if (named.includes('chef')) return 'chef';
  if (named.includes('ansible')) return isSeq(parseDocument(text).contents) ? 'ansible' : 'kubernetes';
  return readsAs('dockerfile', text) ? 'dockerfile' : undefined;
}
