// The one API contract between the renderer and the main process.
// Each domain adds its methods here; mergeMethods rejects a duplicate name.
import { z } from 'zod';
import { method, mergeMethods } from './define';
import { SchoolProfile } from '../domain/profile';
import { LocalizedText, Template } from '../template/schema';
import { Assessment, NewAssessment } from '../domain/assessment';
import { Answer, AnswerRevision, AnswerValue } from '../domain/answer';
import { AssessmentSummary } from '../domain/status';
import { EvidenceFile } from '../domain/evidence';
import { EventInput, SchoolEvent } from '../domain/event';
import { Settings } from '../domain/settings';
import { IsoDate } from '../domain/assessment';
import { packageMethods } from './package';
import { syncMethods } from './sync';
import { reviewMethods } from './review';

const Id = z.string().min(1).max(100);

export const TemplateSummary = z.object({
  id: z.string(),
  version: z.string(),
  title: LocalizedText,
  itemCount: z.number().int(),
  installedAt: z.string(),
  signedBy: z.string().nullable(), // key id of the bureau key that signed it; null for the built-in seed
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

const app = {
  'app.info': method(
    z.object({}),
    z.object({
      version: z.string(),
      mode: z.enum(['electron', 'web']),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
    }),
  ),
  'settings.get': method(z.object({}), Settings),
  /**
   * The desktop app's own open dialog: a folder to export into, or a package to verify.
   * Returns the chosen absolute path, or null when cancelled. The web mode has no
   * native dialog and refuses it (the page offers typed paths and drive lists instead).
   */
  'dialog.choose': method(z.object({ kind: z.enum(['folder', 'package']) }), z.string().nullable()),
  'settings.save': method(Settings.partial(), Settings),
};

const profile = {
  /** null until the school is set up (first run). */
  'profile.get': method(z.object({}), SchoolProfile.nullable()),
  'profile.save': method(SchoolProfile, SchoolProfile),
};

const templates = {
  'templates.list': method(z.object({}), z.array(TemplateSummary)),
  'templates.get': method(z.object({ id: Id, version: z.string() }), Template),
};

const assessments = {
  'assessments.list': method(z.object({}), z.array(Assessment)),
  'assessments.create': method(NewAssessment, Assessment),
  'assessments.get': method(z.object({ id: Id }), Assessment),
  /** After an export froze an assessment: a new version carrying its answers and links, naming the one it replaces. */
  'assessments.continue': method(z.object({ id: Id }), Assessment),
  /** Computed statuses for every item, per area and overall. */
  'assessments.summary': method(z.object({ id: Id, asOf: IsoDate.optional() }), AssessmentSummary),
};

const answers = {
  /** All current answers of an assessment. */
  'answers.list': method(z.object({ assessmentId: Id }), z.array(Answer)),
  /** Durable (committed) before it returns; the UI says "saved" only then. */
  'answers.save': method(
    z.object({
      assessmentId: Id,
      itemCode: z.string(),
      value: AnswerValue.nullable(),
      note: z.string().max(5_000),
      /** The revision the edit started from (0: none saved yet); another one saved since gives a conflict. */
      baseRevision: z.number().int().nonnegative().optional(),
    }),
    Answer,
  ),
  'answers.history': method(z.object({ assessmentId: Id, itemCode: z.string() }), z.array(AnswerRevision)),
  /** Writes a new revision carrying the chosen revision's value and note. */
  'answers.restore': method(z.object({ revisionId: z.number().int() }), Answer),
};

const EvidenceLink = z.object({ assessmentId: Id, itemCode: z.string() });

/**
 * What comes with a file being added, whatever carries its bytes: JSON (small files),
 * a path (desktop) or a streamed HTTP body (web mode: this object travels URI-encoded
 * in the X-Selfcheck-Meta header of POST /upload/evidence).
 */
export const EvidenceImportMeta = z.object({
  name: z.string().min(1).max(255),
  caption: z.string().max(500).optional(),
  takenOn: IsoDate.nullable().optional(),
  link: EvidenceLink.optional(),
  eventId: Id.optional(),
  /** Chosen by the page; `evidence.importProgress` reports bytes done under it. */
  ticket: z.string().regex(/^[A-Za-z0-9-]{8,64}$/).optional(),
});
export type EvidenceImportMeta = z.infer<typeof EvidenceImportMeta>;

const evidence = {
  'evidence.list': method(z.object({ includeDeleted: z.boolean().optional() }), z.array(EvidenceFile)),
  /** Adds one small file sent as bytes, optionally linking it at once. Big files use a path or the streamed upload. */
  'evidence.import': method(EvidenceImportMeta.extend({ bytes: z.instanceof(Uint8Array) }), EvidenceFile),
  /** Desktop only: adds the file at a path the user chose (the bytes never pass through the page). */
  'evidence.importPath': method(EvidenceImportMeta.extend({ path: z.string().min(1).max(4096) }), EvidenceFile),
  /** Bytes hashed and stored so far by the import with this ticket; null when it is not running. */
  'evidence.importProgress': method(
    z.object({ ticket: z.string().max(64) }),
    z.object({ bytesDone: z.number().int(), phase: z.enum(['copying', 'processing']) }).nullable(),
  ),
  'evidence.update': method(
    z.object({ id: Id, caption: z.string().max(500).optional(), takenOn: IsoDate.nullable().optional() }),
    EvidenceFile,
  ),
  'evidence.link': method(z.object({ id: Id, link: EvidenceLink }), EvidenceFile),
  'evidence.unlink': method(z.object({ id: Id, link: EvidenceLink }), EvidenceFile),
  'evidence.linkEvent': method(z.object({ id: Id, eventId: Id }), EvidenceFile),
  'evidence.unlinkEvent': method(z.object({ id: Id, eventId: Id }), EvidenceFile),
  /** Soft delete: the row is hidden and its file kept until purged, so undo can bring it back. */
  'evidence.delete': method(z.object({ id: Id }), EvidenceFile),
  'evidence.undelete': method(z.object({ id: Id }), EvidenceFile),
  'evidence.stats': method(
    z.object({}),
    z.object({ files: z.number().int(), bytes: z.number().int(), storedBytes: z.number().int() }),
  ),
};

const IntakeStatus = z.object({
  active: z.boolean(),
  /** The one-time link the QR code holds. */
  url: z.string(),
  expiresAt: z.string(),
  received: z.array(z.object({ id: Id, originalName: z.string() })),
});

/** Photos from a phone: a short-lived upload page on the local network, shown as a QR code. */
const intake = {
  'intake.start': method(
    z.object({ link: EvidenceLink.optional(), eventId: Id.optional(), minutes: z.number().int().min(1).max(15).optional() }),
    // The QR code as its module matrix ('1' dark, '0' light, row by row): the page draws it as
    // SVG itself, so no image URL is needed (the desktop's CSP allows no data: images).
    IntakeStatus.extend({ qr: z.object({ size: z.number().int().min(21).max(177), modules: z.string() }) }),
  ),
  'intake.status': method(z.object({}), IntakeStatus.nullable()),
  'intake.stop': method(z.object({}), z.null()),
};

const events = {
  'events.list': method(z.object({ includeDeleted: z.boolean().optional() }), z.array(SchoolEvent)),
  'events.save': method(EventInput, SchoolEvent),
  'events.delete': method(z.object({ id: Id }), SchoolEvent),
  'events.undelete': method(z.object({ id: Id }), SchoolEvent),
};

export const contract = mergeMethods(app, profile, templates, assessments, answers, evidence, events, packageMethods, syncMethods, intake, reviewMethods);
export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type ArgsOf<M extends MethodName> = z.input<Contract[M]['args']>;
export type ResultOf<M extends MethodName> = z.output<Contract[M]['result']>;

/** The typed bridge both transports expose to the renderer. */
export type Bridge = {
  call<M extends MethodName>(name: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  /** A URL the page can load an evidence file (or its thumbnail) from. */
  evidenceUrl(sha256: string, variant: 'original' | 'thumb'): string;
};
