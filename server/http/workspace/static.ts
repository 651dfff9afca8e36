// The workspace's browser bundle (dist/workspace/, built by scripts/build.mjs
// from workspace/), served below WORKSPACE_BASE.
// (Scaffold: the workspace UI work fills this in.)
import type { IncomingMessage, ServerResponse } from 'node:http';

export async function serveWorkspacePage(_req: IncomingMessage, _res: ServerResponse, _path: string): Promise<boolean> {
  return false;
}
