import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../../rules/config';
import { LineIndex } from '../../rules/text';
import type { TextEdit } from '../../rules/types';
import { readConfigText, type ResolvedConfig } from '../workspace/config-resolver';
import { folderConfigText, turnOffRuleEdit } from '../workspace/config-edit';
import { posixRelative } from '../workspace/ignore-rules';
import { uriOf } from './uris';

export interface ConfigActionHost {
  /** The `.driftless.yaml` in force for a file. */
  configFor(file: string): ResolvedConfig;
  /** The workspace folder holding the file: where a first `.driftless.yaml` goes. */
  workspaceFolder(file: string): string | undefined;
  /** The editor setting `driftless.rules` sets this rule: it overrides the file, so editing the file would do nothing. */
  setInSettings(rule: string): boolean;
  /** An open document's text and version, which an edit must be made against. */
  openDocument(uri: string): { text: string; version: number } | undefined;
  /** The client creates files from a workspace edit (`resourceOperations: create`). */
  createsFiles: boolean;
  versionedEdits: boolean;
}

/**
 * "Turn off <rule> in .driftless.yaml" (the config in force, or a new one at the workspace folder) and "… for this
 * folder" (a new `.driftless.yaml` beside the file carrying the settings in force over). Offered only where the edit
 * would take effect: not over a broken config, not for a rule the editor settings decide.
 */
export function turnOffRuleActions(file: string, rule: string, diagnostic: Diagnostic, host: ConfigActionHost): CodeAction[] {
  if (host.setInSettings(rule)) return [];
  const resolved = host.configFor(file);
  if (resolved.error) return [];
  const folder = host.workspaceFolder(file);
  const actions: CodeAction[] = [];
  const action = (title: string, edit: WorkspaceEdit | undefined): void => {
    if (edit) actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
  };
  const home = resolved.file ?? (folder === undefined ? undefined : path.join(folder, CONFIG_FILE_NAME));
  if (home !== undefined) action(`Turn off ${rule} in ${CONFIG_FILE_NAME}`, resolved.file ? editExisting(resolved.file, rule, host) : create(home, `rules:\n  ${rule}: off\n`, host));
  const dir = path.dirname(file);
  const base = resolved.file ? resolved.base : folder;
  if (base !== undefined && dir !== base && posixRelative(base, dir).split('/')[0] !== '..') {
    const parent = resolved.file ? { config: resolved.config, relativePath: posixRelative(dir, resolved.file) } : undefined;
    action(`Turn off ${rule} for this folder`, create(path.join(dir, CONFIG_FILE_NAME), folderConfigText(parent, posixRelative(base, dir), rule), host));
  }
  return actions;
}

function editExisting(file: string, rule: string, host: ConfigActionHost): WorkspaceEdit | undefined {
  const uri = uriOf(file);
  const open = host.openDocument(uri);
  const read = open ?? readConfigText(file);
  if (!('text' in read)) return undefined;
  const edit = turnOffRuleEdit(read.text, rule);
  if (!edit) return undefined;
  return textEdit(uri, read.text, [edit], open?.version ?? null, host);
}

function create(file: string, text: string, host: ConfigActionHost): WorkspaceEdit | undefined {
  if (!host.createsFiles) return undefined;
  const uri = uriOf(file);
  return {
    documentChanges: [
      // No overwrite: should the file have appeared meanwhile, the client refuses the edit rather than prepend to it.
      { kind: 'create', uri },
      { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
    ],
  };
}

function textEdit(uri: string, text: string, edits: readonly TextEdit[], version: number | null, host: ConfigActionHost): WorkspaceEdit {
  const lines = new LineIndex(text);
  const lspEdits = edits.map((e) => ({ range: lines.range(e.span), newText: e.newText }));
  if (host.versionedEdits) return { documentChanges: [{ textDocument: { uri, version }, edits: lspEdits }] };
  return { changes: { [uri]: lspEdits } };
}
