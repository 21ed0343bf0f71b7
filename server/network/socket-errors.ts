/** What a failed connection means, as the registry, git and download clients all tell it. */
export interface SocketFailure {
  kind: 'tls' | 'unreachable';
  /** The server dropped a connection that was working: worth another attempt. */
  dropped: boolean;
  message: string;
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

/** A socket or TLS error talking to `url`'s host; `service` names the server in a refusal (`registry down?`). */
export function describeSocketError(error: NodeJS.ErrnoException, url: URL, service?: string): SocketFailure {
  const code = error.code ?? '';
  const host = url.host;
  const unreachable = (message: string, dropped = false): SocketFailure => ({ kind: 'unreachable', dropped, message });
  if (code === 'ECONNRESET' || code === 'EPIPE') return unreachable(`${host} dropped the connection`, true);
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.includes('CERT')) {
    return { kind: 'tls', dropped: false, message: `TLS error talking to https://${host}: ${error.message}` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return unreachable(`cannot resolve ${url.hostname} (offline?)`);
  if (code === 'ECONNREFUSED') return unreachable(`${host} refused the connection${service ? ` (${service} down?)` : ''}`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') return unreachable(`${host} is unreachable (offline?): ${code}`);
  return unreachable(`cannot reach ${host}: ${error.message}`);
}
