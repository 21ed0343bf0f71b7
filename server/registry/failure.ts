/** Why a reference could not be resolved. */
export type FailureReason =
  | 'invalid-reference'
  | 'manifest-unknown'
  | 'repository-unknown'
  | 'unauthorized'
  | 'denied'
  | 'credentials-error'
  | 'insecure-transport'
  | 'rate-limited'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'malformed'
  | 'digest-mismatch'
  | 'platform-unknown'
  | 'registry-error'
  /** Something on the lookup's path failed in a way not foreseen: still this image's failure, not the run's. */
  | 'unexpected';

/** A failure carried through the client as an exception, turned into a result at the API edge. */
export class RegistryFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
    /** A dropped connection: worth another attempt. */
    readonly transient = false,
  ) {
    super(message);
    this.name = 'RegistryFailure';
  }
}
