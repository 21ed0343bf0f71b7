import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { LineIndex } from '../../rules/text';
import { httpRepository } from '../../rules/checks/commit-pin';
import type { Facts, GitRepository, Span } from '../../rules/types';
import type { GitClient } from '../git/client';
import { versionTagsOn } from '../git/resolve';
import { repositoryUrl } from '../pinning/commit';
import { untrustedText } from '../untrusted-text';
import type { LintedDocument } from './code-actions';
import type { Pinner } from './pinning';
import type { RepositoryTags } from './repository-tags';

const COMMIT = /^[0-9a-f]{40}$/i;
/** How long a hover waits for a repository's tags before it answers without them. */
const TAG_LOOKUP_BOUND_MS = 3000;
/** How many tags besides the most specific one a hover names. */
const MORE_TAGS_SHOWN = 5;

export interface CommitHoverHost {
  pinner: Pinner;
  tags: RepositoryTags;
  /** Why lookups are off (an untrusted workspace), or undefined when they are allowed. */
  pinningBlocked(): string | undefined;
  /** The git client and `github.url` for the document `uri`. */
  git(uri: string): { client: GitClient; githubUrl?: string };
}

interface PinnedCommit {
  commit: string;
  repository: GitRepository;
  /** `actions/checkout@11bd719…`, or `11bd719… of <url>`. */
  subject: string;
  span: Span;
}

/**
 * On a 40-hex commit in the file (an action's `@<sha>`, a checkout's ref): the version tags of its repository
 * that point at it, asked once per repository and bounded in time; and the ref it was pinned from, when a pin
 * wrote it this session.
 */
export async function commitHover(doc: LintedDocument, position: Position, host: CommitHoverHost): Promise<Hover | null> {
  const facts = doc.result?.facts;
  if (!facts) return null;
  const lines = new LineIndex(doc.text);
  const offset = lines.offset(position);
  const pinned = pinnedCommits(facts).find((p) => p.span.start <= offset && offset <= p.span.end);
  if (!pinned) return null;
  const rows = [await tagRow(doc.uri, pinned, host)];
  const known = host.pinner.knownCommit(pinned.commit);
  if (known) rows.push(`Pinned this session from ${code(known.subject)} (looked up at ${known.at.toISOString().slice(11, 19)} UTC).`);
  return { contents: { kind: MarkupKind.Markdown, value: rows.join('\n\n') }, range: lines.range(pinned.span) };
}

function pinnedCommits(facts: Facts): PinnedCommit[] {
  const pinned: PinnedCommit[] = [];
  for (const ref of facts.actionRefs) {
    if (!COMMIT.test(ref.ref)) continue;
    const commit = ref.ref.toLowerCase();
    pinned.push({ commit, repository: { github: ref.action.split('/').slice(0, 2).join('/') }, subject: `${ref.action}@${short(commit)}`, span: ref.span });
  }
  for (const checkout of facts.gitCheckouts) {
    const repository = httpRepository(checkout.repo);
    if (checkout.ref === undefined || !COMMIT.test(checkout.ref) || !repository) continue;
    const commit = checkout.ref.toLowerCase();
    pinned.push({ commit, repository, subject: `${short(commit)} of ${repositoryUrl(repository)}`, span: checkout.span });
  }
  return pinned;
}

async function tagRow(uri: string, pinned: PinnedCommit, host: CommitHoverHost): Promise<string> {
  const subject = code(pinned.subject);
  const blocked = host.pinningBlocked();
  if (blocked) return `${subject}: its tags were not looked up: ${blocked}.`;
  const { client, githubUrl } = host.git(uri);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), TAG_LOOKUP_BOUND_MS);
  });
  const answer = await Promise.race([host.tags.of(client, repositoryUrl(pinned.repository, githubUrl)), late]).finally(() => clearTimeout(timer));
  if (!answer) return `${subject}: its tags are still being looked up (more than ${TAG_LOOKUP_BOUND_MS / 1000} s); hover again to see them.`;
  if (!answer.ok) return `${subject}: ${code(answer.message)}`;
  const [tag, ...more] = versionTagsOn(answer.tags, pinned.commit);
  if (!tag) return `${subject}: no version tag points at this commit.`;
  const shown = more.slice(0, MORE_TAGS_SHOWN).map(code);
  if (more.length > MORE_TAGS_SHOWN) shown.push(`${more.length - MORE_TAGS_SHOWN} more`);
  return `${subject} is ${code(tag)}${shown.length > 0 ? ` (also ${shown.join(', ')})` : ''}.`;
}

function short(commit: string): string {
  return `${commit.slice(0, 7)}…`;
}

/** Text from the workspace or the network as a Markdown code span: shown literally, escaped, never markup or a link. */
function code(text: string): string {
  const shown = untrustedText(text);
  const longestRun = Math.max(0, ...Array.from(shown.matchAll(/`+/g), (run) => run[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** On an image reference that was looked up this session: what its tag points to now. */
export function imageHover(doc: LintedDocument, position: Position, pinner: Pinner): Hover | null {
  const facts = doc.result?.facts;
  if (!facts) return null;
  const lines = new LineIndex(doc.text);
  const offset = lines.offset(position);
  const image = facts.images.find((i) => i.span.start <= offset && offset <= i.span.end);
  if (!image) return null;
  const tagged = image.text.split('@')[0];
  const rows: string[] = [];
  for (const platform of new Set([undefined, image.platform])) {
    const known = pinner.known(tagged, platform);
    if (!known) continue;
    const what = platform ? `\`${tagged}\` (${platform})` : `\`${tagged}\``;
    const when = `looked up at ${known.at.toISOString().slice(11, 19)} UTC`;
    let row = `${what} resolves to \`${known.digest}\` (${when})`;
    if (image.digest && !platform) row += image.digest === known.digest ? '; the pinned digest is current.' : `; the file pins \`${image.digest}\`: the tag has moved.`;
    rows.push(row);
  }
  if (rows.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: rows.join('\n\n') }, range: lines.range(image.span) };
}
