// The bureau server's data folder and its config.json. Everything the server
// keeps lives under one folder: the config, the bureau key (owner-only), the
// SQLite database (embedded default), the content-addressed blobs and the tus
// upload area. `selfcheck server init` writes the config with these defaults;
// the bureau edits limits in config.json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const ServerConfig = z
  .object({
    serverName: z.string().min(1).max(200),
    /** The bureau-set size limit for one package (tus maxSize). */
    maxUploadBytes: z.number().int().positive().default(2 * 1024 ** 3),
    /** Bytes one school may hold (stored packages + open uploads). */
    quotaBytesPerSchool: z.number().int().positive().default(20 * 1024 ** 3),
    /** Requests per school (or per address before login) per minute. */
    rateLimitPerMinute: z.number().int().positive().default(1200),
    tokenTtlSeconds: z.number().int().positive().max(3600).default(15 * 60),
    challengeTtlSeconds: z.number().int().positive().max(600).default(120),
    /** An unfinished upload is removed this long after its last byte. */
    uploadExpiryHours: z.number().positive().default(72),
    /** Workspace log-ins end this long after they began, whatever happens (fractions allowed, for tests). */
    workspaceSessionHours: z.number().positive().max(24 * 7).default(8),
    /** …and this long after the last request (sliding). */
    workspaceIdleMinutes: z.number().positive().max(24 * 60).default(30),
    /** The public URL schools use (written into the connection file). */
    publicUrl: z.string().url().optional(),
    /** The zone a campaign deadline's day ends in (23:59:59 local), for on time / late and overdue 整改. */
    timeZone: z
      .string()
      .default('Asia/Shanghai')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'an IANA time zone name such as Asia/Shanghai'),
  })
  .strict();
export type ServerConfig = z.infer<typeof ServerConfig>;

export interface DataPaths {
  root: string;
  config: string;
  bureauKey: string;
  bureauPub: string;
  sqlite: string;
  blobs: string;
  uploads: string;
  connection: string;
}

export function dataPaths(root: string): DataPaths {
  return {
    root,
    config: join(root, 'config.json'),
    bureauKey: join(root, 'bureau.key'),
    bureauPub: join(root, 'bureau.pub'),
    sqlite: join(root, 'server.sqlite'),
    blobs: join(root, 'blobs'),
    uploads: join(root, 'uploads'),
    connection: join(root, 'connection.json'),
  };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(paths: DataPaths): ServerConfig {
  if (!existsSync(paths.config)) throw new ConfigError(`${paths.root} is not a server data folder (no config.json); run \`selfcheck server init --data-dir ${paths.root}\` first`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(paths.config, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${paths.config} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = ServerConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${paths.config}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}
