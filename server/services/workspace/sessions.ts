// Workspace sessions: a random cookie value whose SHA-256 is kept in
// web_sessions, with the CSRF token and an expiry.
// (Scaffold: the accounts work fills in log in / log out and expiry.)
import type { IncomingMessage } from 'node:http';
import type { Role, Scope } from '../../../shared/bureau/api';
import type { ServerContext } from '../context';

export interface WorkspaceUser {
  name: string;
  role: Role;
  scope: Scope;
  csrf: string;
  expiresAt: string;
}

export async function sessionFromRequest(_ctx: ServerContext, _req: IncomingMessage): Promise<WorkspaceUser | null> {
  return null;
}
