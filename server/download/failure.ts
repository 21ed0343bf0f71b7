import { describeSocketError } from '../network/socket-errors';

/** Why a download could not be checksummed. */
export type DownloadFailureReason =
  | 'invalid-url'
  | 'insecure-transport'
  | 'insecure-redirect'
  | 'too-many-redirects'
  | 'not-found'
  | 'denied'
  | 'http-error'
  | 'too-big'
  | 'truncated'
  | 'encoded'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'cancelled';

/** A failure carried through the downloader as an exception, turned into a result at its edge. */
export class DownloadFailure extends Error {
  constructor(
    readonly reason: DownloadFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadFailure';
  }
}

/** A socket or TLS error as the cause of a failed download from `url`'s host. */
export function describeNetworkError(error: NodeJS.ErrnoException, url: URL): DownloadFailure {
  const failure = describeSocketError(error, url);
  return new DownloadFailure(failure.kind, failure.message);
}
