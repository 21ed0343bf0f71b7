import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { LintResult } from '../../rules/engine';
import { bulkFix, fixIsSafe, fixText, fixTitle, preferredFix, type FixScope } from '../../rules/fixes';
import { suppressionFixes } from '../../rules/suppression';
import { LineIndex, replacementBetween } from '../../rules/text';
import type { ChecksumFix, CommitFix, DigestFix, Finding, LocalFix, TextEdit } from '../../rules/types';
import { FIX_ALL_KIND, PIN_ALL_KIND, PIN_CHECKSUM_COMMAND } from '../protocol';
import { toDiagnostic } from './diagnostics';
import { digestEdits } from '../registry/pin';
import type { FixResolver } from '../pinning/resolver';
import type { ChecksumPinTarget } from './checksum-pin';
import type { DigestLookup, ResolveOptions } from './pinning';

/** A linted document as the code actions see it. */
export interface LintedDocument {
  uri: string;
  version: number;
  text: string;
  result: LintResult | undefined;
  /** Why it was not linted (too large), when it was not. */
  skipped?: string;
}

/** Identifies a finding across the two requests (codeAction, then codeAction/resolve). */
interface FindingRef {
  rule: string;
  start: number;
  end: number;
}

export type ActionData =
  | ({ type: 'local'; uri: string; version: number; title: string } & FindingRef)
  | ({ type: 'suppress'; uri: string; version: number; scope: 'line' | 'file' } & FindingRef)
  | ({ type: 'pin'; uri: string; version: number; platform?: string } & FindingRef)
  | { type: 'fixAll'; uri: string; version: number }
  | { type: 'pinAll'; uri: string; version: number };

export interface CodeActionHost {
  document(uri: string): LintedDocument | undefined;
  /** Whether the client resolves edits lazily; when it does not, edits are computed up front (except pins). */
  resolvesEdits: boolean;
  versionedEdits: boolean;
  /** Which fixes fix-all applies: the safe ones, unless the user allowed unsafe ones (`driftless.unsafeFixes`). */
  fixScope(): FixScope;
  /** Why digest lookups are not allowed here, or undefined. */
  pinningBlocked(): string | undefined;
  resolveOptions(uri: string, platform?: string): ResolveOptions;
  /** The configured platform to offer a per-platform digest for, if any. */
  configuredPlatform(uri: string): string | undefined;
  lookup(reference: string, options: ResolveOptions): Promise<DigestLookup>;
  /** Resolves git refs for the document `uri` (its `github.url`); the answers it gives are remembered for hovers. */
  commitResolver(uri: string): FixResolver<CommitFix>;
  /** Lints `text` as the document `uri` would be linted: fix-all lints each text it writes, as `--fix` does. */
  lintText(uri: string, text: string): LintResult | undefined;
  /** "Turn off <rule> in .driftless.yaml" and "… for this folder", with their edits. */
  turnOffActions(uri: string, rule: string, diagnostic: Diagnostic): CodeAction[];
  showError(message: string): void;
}

function sameFinding(f: Finding, ref: FindingRef): boolean {
  return f.rule === ref.rule && f.span.start === ref.start && f.span.end === ref.end;
}

function refOf(f: Finding): FindingRef {
  return { rule: f.rule, start: f.span.start, end: f.span.end };
}

function localFixes(f: Finding): LocalFix[] {
  return f.fixes.filter((x): x is LocalFix => x.kind === 'local');
}

function digestFix(f: Finding): DigestFix | undefined {
  return f.fixes.find((x): x is DigestFix => x.kind === 'digest');
}

function commitFix(f: Finding): CommitFix | undefined {
  return f.fixes.find((x): x is CommitFix => x.kind === 'commit');
}

function pinTitle(image: string, platform: string | undefined): string {
  return platform ? `Pin ${image} to its ${platform} digest` : `Pin ${image} to digest`;
}

export class CodeActions {
  constructor(private readonly host: CodeActionHost) {}

  /** The light bulb: cheap, never touches the network. */
  provide(params: CodeActionParams): CodeAction[] {
    const doc = this.host.document(params.textDocument.uri);
    if (!doc?.result) return [];
    const { uri, version } = doc;
    const only = params.context.only;
    const wanted = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const lines = new LineIndex(doc.text);
    const start = lines.offset(params.range.start);
    const end = lines.offset(params.range.end);
    const actions: CodeAction[] = [];

    if (wanted(CodeActionKind.QuickFix)) {
      const inRange = doc.result.findings.filter((f) => f.span.start <= end && start <= f.span.end);
      for (const finding of inRange) {
        const diagnostic = this.matchingDiagnostic(params.context.diagnostics, finding, doc.uri);
        // An unsafe fix is never the preferred one: "auto fix" applies a preferred fix without showing its title.
        const preferred = fixIsSafe(finding) ? preferredFix(finding) : undefined;
        for (const fix of localFixes(finding)) {
          actions.push(
            this.action(doc, {
              title: fixTitle(finding, fix),
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: fix === preferred,
              data: { type: 'local', uri, version, title: fix.title, ...refOf(finding) },
            }),
          );
        }
        const pin = digestFix(finding);
        if (pin) {
          const platforms = [undefined, pin.platform ?? this.host.configuredPlatform(uri)];
          for (const platform of new Set(platforms)) {
            actions.push({
              title: pinTitle(pin.image, platform),
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              data: { type: 'pin', uri, version, platform, ...refOf(finding) } satisfies ActionData,
            });
          }
        }
        const commit = commitFix(finding);
        if (commit) {
          actions.push({
            title: commit.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            data: { type: 'pin', uri, version, ...refOf(finding) } satisfies ActionData,
          });
        }
        const checksum = finding.fixes.find((x): x is ChecksumFix => x.kind === 'checksum');
        if (checksum) {
          // A command, not an edit: it says how big the download is and can be cancelled before anything is written.
          const target: ChecksumPinTarget = { uri, version, ...refOf(finding) };
          actions.push({
            title: checksum.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: { title: checksum.title, command: PIN_CHECKSUM_COMMAND, arguments: [target] },
          });
        }
        for (const scope of ['line', 'file'] as const) {
          actions.push(
            this.action(doc, {
              title: scope === 'line' ? `Suppress ${finding.rule} on this line` : `Suppress ${finding.rule} in this file`,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              data: { type: 'suppress', uri, version, scope, ...refOf(finding) },
            }),
          );
        }
        actions.push(...this.host.turnOffActions(uri, finding.rule, diagnostic));
      }
    }
    const scope = this.host.fixScope();
    if (wanted(FIX_ALL_KIND) && doc.result.findings.some((f) => bulkFix(f, scope))) {
      actions.push(this.action(doc, { title: 'Fix all Driftless problems in this file', kind: FIX_ALL_KIND, data: { type: 'fixAll', uri, version } }));
    }
    if (wanted(PIN_ALL_KIND) && doc.result.findings.some((f) => digestFix(f) || commitFix(f))) {
      const title = doc.result.findings.some((f) => commitFix(f)) ? 'Pin all references in this file' : 'Pin all images in this file to digests';
      actions.push({ title, kind: PIN_ALL_KIND, data: { type: 'pinAll', uri, version } satisfies ActionData });
    }
    return actions;
  }

  /** Computes the edit of an action the user picked; pins ask the registry here and only here. */
  async resolve(action: CodeAction): Promise<CodeAction> {
    const data = action.data as ActionData | undefined;
    if (!data || action.edit) return action;
    const doc = this.host.document(data.uri);
    if (!doc?.result || doc.version !== data.version) return action;
    if (data.type === 'pin' || data.type === 'pinAll') {
      const edits = await this.pinEditsFor(doc, data);
      if (edits && edits.length > 0) action.edit = this.workspaceEdit(doc, edits);
      return action;
    }
    const edits = this.localEdits(doc, data);
    if (edits) action.edit = this.workspaceEdit(doc, edits);
    return action;
  }

  private action(doc: LintedDocument, action: CodeAction & { data: ActionData }): CodeAction {
    if (!this.host.resolvesEdits) {
      const edits = this.localEdits(doc, action.data);
      if (edits) action.edit = this.workspaceEdit(doc, edits);
    }
    return action;
  }

  private matchingDiagnostic(sent: readonly Diagnostic[], finding: Finding, uri: string): Diagnostic {
    const own = toDiagnostic(finding, uri);
    return (
      sent.find(
        (d) =>
          d.code === finding.rule &&
          d.range.start.line === own.range.start.line &&
          d.range.start.character === own.range.start.character &&
          d.range.end.line === own.range.end.line &&
          d.range.end.character === own.range.end.character,
      ) ?? own
    );
  }

  private localEdits(doc: LintedDocument, data: ActionData): TextEdit[] | undefined {
    const result = doc.result;
    if (!result) return undefined;
    if (data.type === 'fixAll') return this.fixAllEdits(doc, result);
    if (data.type !== 'local' && data.type !== 'suppress') return undefined;
    const finding = result.findings.find((f) => sameFinding(f, data));
    if (!finding) return undefined;
    if (data.type === 'local') return localFixes(finding).find((f) => f.title === data.title)?.edits;
    if (!result.facts) return undefined;
    const [line, file] = suppressionFixes(finding, result.facts, doc.text);
    return (data.scope === 'line' ? line : file).edits;
  }

  /**
   * The edits that give the document the text `driftless --fix` gives the file: the first round's edits when
   * one round fixed everything, else one replacement of the middle the rounds changed.
   */
  private fixAllEdits(doc: LintedDocument, result: LintResult): TextEdit[] {
    // Undefined means linting was switched off or the file excluded meanwhile: nothing is left to fix.
    const relint = (text: string): LintResult => this.host.lintText(doc.uri, text) ?? { kind: undefined, findings: [], facts: undefined };
    const outcome = fixText(doc.text, result, relint, this.host.fixScope());
    if (outcome.rounds.length <= 1) return outcome.rounds[0] ?? [];
    return [replacementBetween(doc.text, outcome.text)];
  }

  private async pinEditsFor(doc: LintedDocument, data: ActionData): Promise<TextEdit[] | undefined> {
    const blocked = this.host.pinningBlocked();
    if (blocked) {
      this.host.showError(`Driftless: not pinned: ${blocked}.`);
      return undefined;
    }
    const findings = doc.result?.findings ?? [];
    let targets: { fix: DigestFix; platform?: string }[];
    let commits: CommitFix[];
    if (data.type === 'pin') {
      const finding = findings.find((f) => sameFinding(f, data));
      const fix = finding && digestFix(finding);
      const commit = finding && commitFix(finding);
      targets = fix ? [{ fix, platform: data.platform }] : [];
      commits = commit ? [commit] : [];
    } else {
      targets = uniqueFixes(findings, digestFix).map((fix) => ({ fix }));
      commits = uniqueFixes(findings, commitFix);
    }
    const [digests, resolvedCommits] = await Promise.all([
      Promise.all(targets.map(async (t) => ({ ...t, lookup: await this.host.lookup(t.fix.image, this.host.resolveOptions(doc.uri, t.platform)) }))),
      this.commitEdits(doc.uri, commits),
    ]);
    const reasons = [...digests.flatMap((o) => (o.lookup.ok ? [] : [o.lookup.message])), ...resolvedCommits.failures];
    const total = digests.length + commits.length;
    if (reasons.length > 0) {
      const noun = commits.length > 0 ? 'references' : 'images';
      this.host.showError(`Driftless: could not pin ${reasons.join('; ')}. The file was not changed${total > reasons.length ? ` for these ${noun}` : ''}.`);
    }
    return [...digests.flatMap((o) => (o.lookup.ok ? digestEdits(o.fix, o.lookup.digest) : [])), ...resolvedCommits.edits];
  }

  /** Each ref's commit written into its fix's edits (one `ls-refs` per repository), or the reasons why not. */
  private async commitEdits(uri: string, fixes: readonly CommitFix[]): Promise<{ edits: TextEdit[]; failures: string[] }> {
    if (fixes.length === 0) return { edits: [], failures: [] };
    const resolver = this.host.commitResolver(uri);
    resolver.prepare?.(fixes);
    const answers = await Promise.all(fixes.map((fix) => resolver.resolve(fix)));
    const edits: TextEdit[] = [];
    const failures: string[] = [];
    fixes.forEach((fix, i) => {
      const answer = answers[i];
      const written = answer.ok ? resolver.edits(fix, answer) : answer;
      if (Array.isArray(written)) edits.push(...written);
      else failures.push(written.message);
    });
    return { edits, failures };
  }

  private workspaceEdit(doc: LintedDocument, edits: readonly TextEdit[]): WorkspaceEdit {
    const lines = new LineIndex(doc.text);
    const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: lines.range(e.span), newText: e.newText }));
    if (this.host.versionedEdits) {
      return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lspEdits }] };
    }
    return { changes: { [doc.uri]: lspEdits } };
  }
}

/** One fix per position: several rules may offer the same pin for one reference. */
function uniqueFixes<F extends DigestFix | CommitFix>(findings: readonly Finding[], fixOf: (finding: Finding) => F | undefined): F[] {
  const byPosition = new Map<string, F>();
  for (const finding of findings) {
    const fix = fixOf(finding);
    if (!fix) continue;
    const position = fix.edits.map((e) => `${e.span.start}-${e.span.end}`).join(',');
    if (!byPosition.has(position)) byPosition.set(position, fix);
  }
  return [...byPosition.values()];
}
