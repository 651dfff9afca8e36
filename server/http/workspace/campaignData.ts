// Reading a campaign: completeness, one school's submission and its
// evidence files, analytics across schools, and the XLSX files. Every role
// may read; the user's scope limits which schools any answer contains.
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { ROLES, type Scope } from '../../../shared/bureau/api';
import { SchoolType } from '../../../shared/template/schema';
import { ServerError } from '../../services/errors';
import { analytics } from '../../services/workspace/analytics';
import { completeness, loadCampaign } from '../../services/workspace/completeness';
import { writeCampaignXlsx, writeMissingXlsx } from '../../services/workspace/exportXlsx';
import { openEvidence, submission } from '../../services/workspace/submission';
import { sendJson } from '../json';
import type { WorkspaceCall, WorkspaceRoute } from './router';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const scopeOf = (call: WorkspaceCall): Scope => call.user?.scope ?? null;
const param = (call: WorkspaceCall, i: number): string => call.params[i] ?? '';

function startXlsx(res: ServerResponse, fileName: string): void {
  res.writeHead(200, {
    'content-type': XLSX,
    'content-disposition': `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
}

export const CAMPAIGN_DATA_ROUTES: WorkspaceRoute[] = [
  {
    method: 'GET',
    pattern: /^campaigns\/([^/]+)\/completeness$/,
    roles: ROLES,
    handle: async (ctx, call) => sendJson(call.res, 200, await completeness(ctx, param(call, 0), scopeOf(call))),
  },
  {
    method: 'GET',
    pattern: /^campaigns\/([^/]+)\/schools\/([^/]+)$/,
    roles: ROLES,
    handle: async (ctx, call) => {
      const version = call.url.searchParams.get('version');
      if (version !== null && !/^[0-9a-f]{128}$/.test(version)) throw new ServerError('bad_request', 400, 'version must be a package SHA-512 (128 hex digits)');
      sendJson(call.res, 200, await submission(ctx, param(call, 0), param(call, 1), version, scopeOf(call)));
    },
  },
  {
    method: 'GET',
    pattern: /^packages\/([0-9a-f]{128})\/files\/(data\/.+)$/,
    roles: ROLES,
    handle: async (ctx, call) => {
      const file = await openEvidence(ctx, param(call, 0), param(call, 1), scopeOf(call));
      call.res.writeHead(200, file.headers);
      try {
        await pipeline(file.stream, call.res);
      } finally {
        await file.close();
      }
    },
  },
  {
    method: 'GET',
    pattern: /^campaigns\/([^/]+)\/analytics$/,
    roles: ROLES,
    handle: async (ctx, call) => {
      const county = call.url.searchParams.get('county') || null;
      const rawType = call.url.searchParams.get('type') || null;
      const type = rawType === null ? null : SchoolType.safeParse(rawType);
      if (type && !type.success) throw new ServerError('bad_request', 400, `unknown school type ${rawType ?? ''}`);
      sendJson(call.res, 200, await analytics(ctx, param(call, 0), { county, type: type ? (type.data ?? null) : null }, scopeOf(call)));
    },
  },
  {
    method: 'GET',
    pattern: /^campaigns\/([^/]+)\/export\.xlsx$/,
    roles: ROLES,
    handle: async (ctx, call) => {
      const campaign = await loadCampaign(ctx, param(call, 0));
      startXlsx(call.res, `${campaign.label}-${campaign.id}.xlsx`);
      await writeCampaignXlsx(ctx, campaign.id, scopeOf(call), call.res);
    },
  },
  {
    method: 'GET',
    pattern: /^campaigns\/([^/]+)\/missing\.xlsx$/,
    roles: ROLES,
    handle: async (ctx, call) => {
      const campaign = await loadCampaign(ctx, param(call, 0));
      startXlsx(call.res, `${campaign.label}-未提交-${campaign.id}.xlsx`);
      await writeMissingXlsx(ctx, campaign.id, scopeOf(call), call.res);
    },
  },
];
