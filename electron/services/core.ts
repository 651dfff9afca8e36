// The main-process back end in one object: folders, database, services.
// Used by Electron, by the web-mode server, by the CLI and by tests (plain Node).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { version as appVersion } from '../../package.json';
import type { AssessmentSummary } from '../../shared/domain/status';
import type { Template } from '../../shared/template/schema';
import { acquireDataDirLock } from '../config/lock';
import { EvidenceFileStore } from '../evidence/fileStore';
import { openDatabase, schemaVersion, type Db } from '../store/db';
import { SEED_TEMPLATE_DIR, loadSeedTemplate } from '../../bag/template/seedTemplate';
import { AnswerService } from './answers';
import { AssessmentService } from './assessments';
import type { ServiceContext } from './context';
import { EvidenceService } from './evidence';
import { DEFAULT_PURGE_DAYS, PURGE_DAYS_SETTING, purgeEvidence, type PurgeResult } from './evidencePurge';
import { EventService } from './events';
import { ProfileService } from './profile';
import { SettingsService } from './settings';
import { SummaryService } from './summary';
import { TemplateService } from './templates';

export type CoreMode = 'electron' | 'web' | 'cli';

export interface CoreOptions {
  dataDir: string;
  mode: CoreMode;
  /** Folder of the built-in template; defaults to seeds/hunan-school-selfcheck. null: install none. */
  seedTemplateDir?: string | null;
  /** A template object to install instead of reading seedTemplateDir (tests). */
  seedTemplate?: Template;
  /** Initial "who is filling in" when settings have none yet. */
  userName?: string;
  /** Clock (tests move it). */
  now?: () => Date;
  /** Run evidence garbage collection in the background at start (default true). */
  purgeAtStart?: boolean;
}

export interface CorePaths {
  dataDir: string;
  database: string;
  evidence: string;
}

export interface Core {
  readonly mode: CoreMode;
  readonly appVersion: string;
  readonly paths: CorePaths;
  readonly db: Db;
  readonly settings: SettingsService;
  readonly profile: ProfileService;
  readonly templates: TemplateService;
  readonly assessments: AssessmentService;
  readonly answers: AnswerService;
  readonly evidence: EvidenceService;
  readonly events: EventService;
  readonly summary: SummaryService;
  /** The start-up purge (null when disabled); settles, never rejects. */
  readonly maintenance: Promise<PurgeResult | null>;
  schemaVersion(): number;
  /** Garbage-collects evidence: rows deleted more than `olderThanDays` ago, then unreferenced files. */
  purgeEvidence(options?: { olderThanDays?: number; tempMaxAgeMs?: number }): Promise<PurgeResult>;
  close(): void;
}

export function corePaths(dataDir: string): CorePaths {
  return { dataDir, database: join(dataDir, 'selfcheck.db'), evidence: join(dataDir, 'evidence') };
}

export function createCore(options: CoreOptions): Core {
  const paths = corePaths(options.dataDir);
  mkdirSync(paths.evidence, { recursive: true });
  const release = acquireDataDirLock(paths.dataDir);
  let db: Db;
  try {
    db = openDatabase(paths.database);
  } catch (e) {
    release();
    throw e;
  }
  const settings = new SettingsService(db);
  const ctx: ServiceContext = { db, now: options.now ?? (() => new Date()), userName: () => settings.get().userName };
  try {
    if (options.userName && !db.prepare("SELECT 1 FROM settings WHERE key = 'userName'").get())
      settings.save({ userName: options.userName });
    const templates = new TemplateService(ctx);
    installSeed(templates, options);
    const profile = new ProfileService(ctx);
    // Freezing stores the live summary; the summary service (made below) reads assessments itself.
    const assessments: AssessmentService = new AssessmentService(ctx, templates, (a): AssessmentSummary => summary.live(a));
    const answers = new AnswerService(ctx, assessments, templates);
    const events = new EventService(ctx, templates);
    const store = new EvidenceFileStore(paths.evidence);
    const evidence = new EvidenceService(ctx, store, { assessments, templates, events, settings });
    const summary: SummaryService = new SummaryService(ctx, { assessments, templates, profile, answers, evidence, events, settings });
    // No export runs yet (the lock makes this the only process on the folder). A freeze an
    // export left behind by crashing stays final: its package may exist, so thawing could
    // change what was signed.
    db.prepare('DELETE FROM export_freezes').run();

    let closed = false;
    const purge = (o: { olderThanDays?: number; tempMaxAgeMs?: number } = {}): Promise<PurgeResult> =>
      purgeEvidence(ctx, store, {
        olderThanDays: o.olderThanDays ?? settings.getNumber(PURGE_DAYS_SETTING, DEFAULT_PURGE_DAYS),
        tempMaxAgeMs: o.tempMaxAgeMs ?? 3_600_000,
      });
    // At start nothing is being imported yet, so every temp file is a crash leftover.
    const maintenance =
      options.purgeAtStart === false ? Promise.resolve(null) : purge({ tempMaxAgeMs: 0 }).catch(() => null);

    return {
      mode: options.mode,
      appVersion,
      paths,
      db,
      settings,
      profile,
      templates,
      assessments,
      answers,
      evidence,
      events,
      summary,
      maintenance,
      schemaVersion: () => schemaVersion(db),
      purgeEvidence: purge,
      close() {
        if (closed) return;
        closed = true;
        // A purge still running stops at its next query; it only ever removed unreferenced files.
        db.close();
        release();
      },
    };
  } catch (e) {
    db.close();
    release();
    throw e;
  }
}

function installSeed(templates: TemplateService, options: CoreOptions): void {
  const template =
    options.seedTemplate ??
    (options.seedTemplateDir === null ? null : loadSeedTemplate(options.seedTemplateDir ?? SEED_TEMPLATE_DIR));
  if (!template) return;
  try {
    templates.install(template, null);
  } catch (e) {
    if (!(e instanceof Error && e.message === 'template.conflict')) throw e;
    // The same id+version with other content: the installed copy stays (templates are immutable).
    // Only a developer editing the seed without bumping its version sees this.
    process.emitWarning(`built-in template ${template.id}@${template.version} differs from the installed copy; keeping the installed one`);
  }
}
