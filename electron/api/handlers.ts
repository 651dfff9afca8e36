// The handlers of the core contract methods: thin calls into the services.
// Arguments arrive already parsed by dispatch.
import type { Core } from '../services/core';
import type { Handlers } from './dispatch';

export function createHandlers(core: Core): Handlers {
  const h = {
    'app.info': () => ({
      version: core.appVersion,
      mode: core.mode === 'electron' ? ('electron' as const) : ('web' as const),
      dataDir: core.paths.dataDir,
      schemaVersion: core.schemaVersion(),
    }),
    'settings.get': () => core.settings.get(),
    'settings.save': (patch) => core.settings.save(patch),

    'profile.get': () => core.profile.get(),
    'profile.save': (p) => core.profile.save(p),

    'templates.list': () => core.templates.list(),
    'templates.get': ({ id, version }) => core.templates.get(id, version),

    'assessments.list': () => core.assessments.list(),
    'assessments.create': (a) => core.assessments.create(a),
    'assessments.get': ({ id }) => core.assessments.get(id),
    'assessments.continue': ({ id }) => core.assessments.continueFrozen(id, core.settings.get().userName),
    'assessments.summary': ({ id, asOf }) => core.summary.compute(id, asOf),

    'answers.list': ({ assessmentId }) => core.answers.list(assessmentId),
    'answers.save': (a) => core.answers.save(a),
    'answers.history': ({ assessmentId, itemCode }) => core.answers.history(assessmentId, itemCode),
    'answers.restore': ({ revisionId }) => core.answers.restore(revisionId),

    'evidence.list': ({ includeDeleted }) => core.evidence.list(includeDeleted ?? false),
    'evidence.import': (a) => core.evidence.import(a),
    'evidence.importProgress': ({ ticket }) => core.evidence.progress(ticket),
    'evidence.update': ({ id, caption, takenOn }) => core.evidence.update(id, { caption, takenOn }),
    'evidence.link': ({ id, link }) => core.evidence.link(id, link),
    'evidence.unlink': ({ id, link }) => core.evidence.unlink(id, link),
    'evidence.linkEvent': ({ id, eventId }) => core.evidence.linkEvent(id, eventId),
    'evidence.unlinkEvent': ({ id, eventId }) => core.evidence.unlinkEvent(id, eventId),
    'evidence.delete': ({ id }) => core.evidence.delete(id),
    'evidence.undelete': ({ id }) => core.evidence.undelete(id),
    'evidence.stats': () => core.evidence.stats(),

    'events.list': ({ includeDeleted }) => core.events.list(includeDeleted ?? false),
    'events.save': (e) => core.events.save(e),
    'events.delete': ({ id }) => core.events.delete(id),
    'events.undelete': ({ id }) => core.events.undelete(id),
  } satisfies Handlers;
  return h;
}
