// The evidence library: files stored by content hash and linked to items or events.
import { create } from 'zustand';
import type { EvidenceFile } from '../../shared/domain/evidence';
import type { ArgsOf, ResultOf } from '../../shared/api/contract';
import { api } from '../bridge';
import { importEvidenceFile } from '../bridge/upload';
import { tracked } from './saveState';
import { useAssessment } from './assessment';
import { useToasts } from './toasts';

type Link = { assessmentId: string; itemCode: string };

/** A multi-file import under way: how far it is, and the file being stored now. */
export interface ImportProgress {
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
  current: string;
}

interface EvidenceState {
  files: EvidenceFile[];
  stats: ResultOf<'evidence.stats'> | null;
  loaded: boolean;
  importing: ImportProgress | null;
  load(): Promise<void>;
  /**
   * Adds the files one by one. A refused file (an executable, an unknown type, a
   * disk error) gets its own error toast naming it and never stops the rest.
   */
  importFiles(files: File[], target: { link?: Link; eventId?: string }): Promise<EvidenceFile[]>;
  update(args: ArgsOf<'evidence.update'>): Promise<void>;
  link(id: string, link: Link): Promise<void>;
  unlink(id: string, link: Link): Promise<void>;
  linkEvent(id: string, eventId: string): Promise<void>;
  unlinkEvent(id: string, eventId: string): Promise<void>;
  remove(id: string): Promise<void>;
  undelete(id: string): Promise<void>;
}

const PROGRESS_POLL_MS = 250;

function newTicket(): string {
  return crypto.randomUUID();
}

/** Polls the back end's byte count for one import until stopped; never overlaps two polls. */
function watchProgress(ticket: string, show: (bytesDone: number) => void): () => void {
  let stopped = false;
  let last = 0;
  const tick = async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, PROGRESS_POLL_MS));
      if (stopped) break;
      const p = await api()
        .call('evidence.importProgress', { ticket })
        .catch(() => null);
      // Only forward: the bar never goes back.
      if (!stopped && p && p.bytesDone > last) {
        last = p.bytesDone;
        show(last);
      }
    }
  };
  void tick();
  return () => {
    stopped = true;
  };
}

export const useEvidence = create<EvidenceState>((set, get) => {
  /** Replace (or add) one file in the list, dropping it when it is deleted. */
  const put = (file: EvidenceFile) => {
    const others = get().files.filter((f) => f.id !== file.id);
    set({ files: file.deletedAt ? others : [...others, file] });
  };
  const after = async () => {
    const [stats] = await Promise.all([api().call('evidence.stats', {}), useAssessment.getState().refreshSummary()]);
    set({ stats });
  };
  const mutate = async (write: () => Promise<EvidenceFile>) => {
    put(await tracked(write));
    await after();
  };

  return {
    files: [],
    stats: null,
    loaded: false,
    importing: null,
    async load() {
      const [files, stats] = await Promise.all([api().call('evidence.list', {}), api().call('evidence.stats', {})]);
      set({ files, stats, loaded: true });
    },
    async importFiles(files, target) {
      const added: EvidenceFile[] = [];
      const bytesTotal = files.reduce((n, f) => n + f.size, 0);
      let bytesDone = 0;
      try {
        // One at a time, each streamed by the back end (never read whole into the page).
        for (const [i, file] of files.entries()) {
          const name = file.name || 'file';
          const show = (doneInFile: number) =>
            set({ importing: { done: i, total: files.length, bytesDone: bytesDone + Math.min(doneInFile, file.size), bytesTotal, current: name } });
          show(0);
          const ticket = newTicket();
          const stopWatching = watchProgress(ticket, show);
          try {
            const saved = await tracked(() => importEvidenceFile(file, { name, link: target.link, eventId: target.eventId, ticket }));
            put(saved);
            added.push(saved);
          } catch (error) {
            useToasts.getState().push({ text: { error }, tone: 'error' }, 10_000);
          } finally {
            stopWatching();
          }
          bytesDone += file.size;
          show(0);
        }
      } finally {
        set({ importing: null });
      }
      await after();
      return added;
    },
    update: (args) => mutate(() => api().call('evidence.update', args)),
    link: (id, link) => mutate(() => api().call('evidence.link', { id, link })),
    unlink: (id, link) => mutate(() => api().call('evidence.unlink', { id, link })),
    linkEvent: (id, eventId) => mutate(() => api().call('evidence.linkEvent', { id, eventId })),
    unlinkEvent: (id, eventId) => mutate(() => api().call('evidence.unlinkEvent', { id, eventId })),
    async remove(id) {
      const file = get().files.find((f) => f.id === id);
      await mutate(() => api().call('evidence.delete', { id }));
      useToasts.getState().push({
        text: { key: 'evidence.deleted', params: { name: file?.originalName ?? '' } },
        tone: 'info',
        action: { labelKey: 'common.undo', run: () => get().undelete(id) },
      });
    },
    undelete: (id) => mutate(() => api().call('evidence.undelete', { id })),
  };
});
