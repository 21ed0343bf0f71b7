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

const TLS_CODES = new Set([
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** A socket or TLS error as the cause of a failed download from `url`'s host. */
export function describeNetworkError(error: NodeJS.ErrnoException, url: URL): DownloadFailure {
  const code = error.code ?? '';
  const host = url.host;
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.includes('CERT')) {
    return new DownloadFailure('tls', `TLS error talking to https://${host}: ${error.message}`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new DownloadFailure('unreachable', `cannot resolve ${url.hostname} (offline?)`);
  if (code === 'ECONNREFUSED') return new DownloadFailure('unreachable', `${host} refused the connection`);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new DownloadFailure('unreachable', `${host} dropped the connection`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
    return new DownloadFailure('unreachable', `${host} is unreachable (offline?): ${code}`);
  }
  return new DownloadFailure('unreachable', `cannot reach ${host}: ${error.message}`);
}
