// The server's one error family: a protocol error code (shared/sync/protocol.ts
// SERVER_ERROR_CODES) the client acts on, the HTTP status, and a message
// that names the problem for the person reading the log or the app's screen.
import type { ServerErrorCode } from '../../shared/sync/protocol';

export class ServerError extends Error {
  constructor(
    readonly code: ServerErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

export const badRequest = (message: string): ServerError => new ServerError('bad_request', 400, message);
