// Proving the school's key to the server: ask for a challenge, sign
// challengeMessage(...) with the school key (minisign), get a short-lived
// bearer token. The token is kept in memory only and renewed a minute before
// it expires, or at once when the server says it is no longer valid.
import { challengeMessage } from '../../shared/sync/protocol';
import { signMessage } from '../../bag/minisign';
import type { SchoolKey } from '../../bag/keyTypes';
import type { SyncApi } from './api';

const RENEW_BEFORE_MS = 60_000;

export class TokenSource {
  private current: { token: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly api: SyncApi,
    private readonly serverName: string,
    private readonly schoolCode: string,
    private readonly key: () => SchoolKey,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.current.expiresAt - RENEW_BEFORE_MS > this.now()) return this.current.token;
    this.pending ??= this.fetch().finally(() => (this.pending = null));
    return this.pending;
  }

  /** The server refused the token (expired early, server restarted): the next get() asks for a new one. */
  invalidate(): void {
    this.current = null;
  }

  private async fetch(): Promise<string> {
    const key = this.key();
    const ch = await this.api.challenge({ schoolCode: this.schoolCode, keyId: key.keyId });
    const message = Buffer.from(challengeMessage(this.serverName, ch.challengeId, ch.challenge), 'utf8');
    const signature = signMessage(message, key.secret, { trustedComment: `selfcheck-auth ${this.schoolCode} ${ch.challengeId}` });
    const t = await this.api.token({ challengeId: ch.challengeId, signature });
    const expiresAt = Date.parse(t.expiresAt);
    this.current = { token: t.token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : this.now() + 5 * 60_000 };
    return t.token;
  }
}
