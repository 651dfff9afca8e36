// Workspace routes for campaigns: the list (every role, counted within the
// caller's scope), a new campaign and a roster upload (administrators).
import { NewCampaignRequest, ROLES } from '../../../shared/bureau/api';
import { ServerError } from '../../services/errors';
import { createCampaign, listCampaigns } from '../../services/workspace/campaigns';
import { MAX_ROSTER_BYTES, replaceRoster } from '../../services/workspace/roster';
import { readJson, sendJson } from '../json';
import type { WorkspaceCall, WorkspaceRoute } from './router';

async function readBytes(call: WorkspaceCall, limit: number): Promise<Buffer> {
  const declared = Number(call.req.headers['content-length'] ?? '0');
  if (declared > limit) throw new ServerError('too_large', 413, `the file is over ${limit / 1024 / 1024} MB`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of call.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ServerError('too_large', 413, `the file is over ${limit / 1024 / 1024} MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const header = (call: WorkspaceCall, name: string): string => {
  const v = call.req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};

export const CAMPAIGN_ROUTES: WorkspaceRoute[] = [
  {
    method: 'GET',
    pattern: /^campaigns$/,
    roles: ROLES,
    async handle(ctx, call) {
      sendJson(call.res, 200, await listCampaigns(ctx, call.user?.scope ?? null));
    },
  },
  {
    method: 'POST',
    pattern: /^campaigns$/,
    roles: ['admin'],
    async handle(ctx, call) {
      const body = await readJson(call.req, NewCampaignRequest);
      const { summary } = await createCampaign(ctx, body, call.user?.name ?? null);
      sendJson(call.res, 201, summary);
    },
  },
  {
    method: 'PUT',
    pattern: /^campaigns\/([^/]+)\/roster$/,
    roles: ['admin'],
    async handle(ctx, call) {
      const bytes = await readBytes(call, MAX_ROSTER_BYTES);
      // x-file-name (URI-encoded) or Content-Type only sharpen messages; the bytes decide the format.
      let hint = header(call, 'content-type');
      try {
        hint += ' ' + decodeURIComponent(header(call, 'x-file-name'));
      } catch {
        /* a malformed name is only a hint */
      }
      sendJson(call.res, 200, await replaceRoster(ctx, call.params[0] ?? '', bytes, hint, call.user?.name ?? null));
    },
  },
];
