// tus 1.0 at API_BASE/uploads: @tus/server with its file store in
// <data>/uploads moves bytes only (creation, offset, resume, expiration,
// termination). Every tus request needs the school's bearer token; an upload
// belongs to the school that created it (the `uploads` table), counts
// against its quota until submitted, and the bureau's size limit is tus's
// maxSize. Verification happens in POST submissions, never in tus's finish
// hook (a failure there is invisible to the client).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { EVENTS, MemoryLocker, Server as TusServer, type Locker } from '@tus/server';
import { API_BASE } from '../../shared/sync/protocol';
import type { Session } from '../services/auth';
import type { ServerContext } from '../services/context';
import { ServerError } from '../services/errors';

export const UPLOADS_PATH = `${API_BASE}/uploads`;

export interface Uploads {
  tus: TusServer;
  handle(req: IncomingMessage, res: ServerResponse, session: Session): Promise<void>;
  /** The finished upload's file and size, after checking it is this school's and complete. */
  finished(uploadId: string, session: Session): Promise<{ file: string; size: number }>;
  remove(uploadId: string): Promise<void>;
  cleanUp(): Promise<number>;
}

type WithNodeReq = { runtime?: { node?: { req?: IncomingMessage } } };

export function mountUploads(ctx: ServerContext, locker: Locker | null): Uploads {
  const planned = new WeakMap<IncomingMessage, string>();
  const expiryMs = ctx.config.uploadExpiryHours * 3600_000;
  const tus = new TusServer({
    path: UPLOADS_PATH,
    datastore: new FileStore({ directory: ctx.paths.uploads, expirationPeriodInMilliseconds: expiryMs }),
    locker: locker ?? new MemoryLocker(),
    maxSize: ctx.config.maxUploadBytes,
    // Relative Location headers keep working behind a reverse proxy that rewrites the host.
    relativeLocation: true,
    namingFunction: (req) => {
      const node = (req as unknown as WithNodeReq).runtime?.node?.req;
      const id = node ? planned.get(node) : undefined;
      if (!id) throw new Error('upload created without a planned id');
      return id;
    },
  });

  // A terminated upload no longer counts against the school's quota.
  tus.on(EVENTS.POST_TERMINATE, (_req: unknown, _res: unknown, id: string) => {
    void ctx.store.db.deleteFrom('uploads').where('id', '=', id).execute().catch(() => undefined);
  });

  const owned = async (uploadId: string, session: Session): Promise<void> => {
    const row = await ctx.store.db.selectFrom('uploads').select('school_code').where('id', '=', uploadId).executeTakeFirst();
    if (!row || row.school_code !== session.schoolCode) throw new ServerError('upload_not_found', 404, `upload ${uploadId} does not exist (expired, removed, or another school's); start the upload again`);
  };

  return {
    tus,
    async handle(req, res, session) {
      if (req.method === 'POST') {
        const length = Number(req.headers['upload-length']);
        if (!Number.isSafeInteger(length) || length <= 0) throw new ServerError('bad_request', 400, 'Upload-Length is required (the package size in bytes)');
        if (length > ctx.config.maxUploadBytes) throw new ServerError('too_large', 413, `the package is ${length} bytes; this bureau accepts up to ${ctx.config.maxUploadBytes}`);
        await checkQuota(ctx, session.schoolCode, length);
        const id = randomBytes(16).toString('hex');
        await ctx.store.db.insertInto('uploads').values({ id, school_code: session.schoolCode, declared_size: length, created_at: ctx.now().toISOString() }).execute();
        planned.set(req, id);
      } else if (req.method !== 'OPTIONS') {
        const id = (req.url ?? '').split('?')[0]?.slice(UPLOADS_PATH.length + 1) ?? '';
        await owned(decodeURIComponent(id), session);
      }
      await tus.handle(req, res);
    },
    async finished(uploadId, session) {
      await owned(uploadId, session);
      let upload;
      try {
        upload = await tus.datastore.getUpload(uploadId);
      } catch {
        throw new ServerError('upload_not_found', 404, `upload ${uploadId} has no bytes on this server any more; start it again`);
      }
      if (upload.size === undefined || upload.offset !== upload.size)
        throw new ServerError('upload_incomplete', 409, `upload ${uploadId} has ${upload.offset} of ${upload.size ?? '?'} bytes; send the rest first`);
      return { file: join(ctx.paths.uploads, uploadId), size: upload.size };
    },
    async remove(uploadId) {
      await tus.datastore.remove(uploadId).catch(() => undefined);
      await ctx.store.db.deleteFrom('uploads').where('id', '=', uploadId).execute();
    },
    async cleanUp() {
      const expired = await tus.cleanUpExpiredUploads();
      // Finished but never submitted uploads expire too (tus's clean-up only removes unfinished ones).
      const cutoff = new Date(ctx.now().getTime() - expiryMs).toISOString();
      const stale = await ctx.store.db.selectFrom('uploads').select('id').where('created_at', '<', cutoff).execute();
      for (const s of stale) await this.remove(s.id);
      return expired + stale.length;
    },
  };
}

async function checkQuota(ctx: ServerContext, school: string, adding: number): Promise<void> {
  const stored = await ctx.store.db.selectFrom('packages').select((eb) => eb.fn.sum<number>('size').as('n')).where('school_code', '=', school).executeTakeFirst();
  const open = await ctx.store.db.selectFrom('uploads').select((eb) => eb.fn.sum<number>('declared_size').as('n')).where('school_code', '=', school).executeTakeFirst();
  const used = Number(stored?.n ?? 0) + Number(open?.n ?? 0);
  if (used + adding > ctx.config.quotaBytesPerSchool)
    throw new ServerError('quota_exceeded', 403, `school ${school} holds ${used} bytes; this package would pass the bureau's quota of ${ctx.config.quotaBytesPerSchool}`);
}
