// The one error family of the app's sync side. `code` is what the outbox and the
// UI act on; `retry` says whether trying again later may help.
export type SyncErrorCode =
  | 'notConnected' // no server configured: run connect first
  | 'network' // could not reach the server (refused, reset, timed out, DNS, proxy)
  | 'server' // the server answered with an error (5xx, or a 4xx we do not act on)
  | 'protocol' // the answer does not match the protocol schemas
  | 'bureauKeyMismatch' // the server's bureau key is not the one we were given / trust
  | 'badSignature' // a receipt or rejection that does not verify against the bureau key
  | 'badConnectionFile'
  | 'notEnrolled' // the bureau has not enrolled this school's key
  | 'fileMissing'; // the outbox copy of a package is gone

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    /** The server's error code (protocol.ts SERVER_ERROR_CODES) when it sent one. */
    readonly serverCode?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  /** Worth trying again later (network trouble, a busy server), as opposed to a fact that will not change by waiting. */
  get retry(): boolean {
    return this.code === 'network' || this.code === 'server' || this.code === 'notEnrolled';
  }
}
