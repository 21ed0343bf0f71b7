/** Why a git ref could not be resolved to a commit. */
export type GitFailureReason =
  | 'insecure-transport'
  | 'repository-unknown'
  | 'ref-unknown'
  | 'unauthorized'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'malformed'
  | 'server-error';

/** A failure carried through the git client as an exception, turned into a result at its edge. */
export class GitFailure extends Error {
  constructor(
    readonly reason: GitFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'GitFailure';
  }
}
