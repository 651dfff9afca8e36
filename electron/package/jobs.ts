// Long-running work (an export to a USB stick) as a job the page polls:
// jobs.get gives the phase, bytes done of total and an ETA; jobs.cancel aborts
// it. Finished jobs are kept for a while so a late poll still sees the outcome.
import { randomUUID } from 'node:crypto';
import type { ApiErrorShape } from '../../shared/api/define';
import { toErrorShape } from '../api/errors';
import { PackageError } from '../../bag/errors';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  phase: string;
  bytesDone: number;
  bytesTotal: number;
}

export interface JobSnapshot<R = unknown> {
  id: string;
  kind: string;
  state: JobState;
  progress: JobProgress;
  /** Seconds left in the current phase, from its rate so far; null until there is a rate. */
  etaSeconds: number | null;
  startedAt: string;
  finishedAt: string | null;
  result: R | null;
  error: ApiErrorShape | null;
}

interface Job {
  snap: JobSnapshot;
  controller: AbortController;
  phaseStartedAt: number;
  phaseStartBytes: number;
}

const KEEP_FINISHED_MS = 60 * 60 * 1000;

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly clock: () => number = Date.now) {}

  start<R>(kind: string, work: (signal: AbortSignal, report: (p: JobProgress) => void) => Promise<R>): string {
    this.prune();
    const id = randomUUID();
    const controller = new AbortController();
    const job: Job = {
      controller,
      phaseStartedAt: this.clock(),
      phaseStartBytes: 0,
      snap: {
        id,
        kind,
        state: 'running',
        progress: { phase: 'preparing', bytesDone: 0, bytesTotal: 0 },
        etaSeconds: null,
        startedAt: new Date(this.clock()).toISOString(),
        finishedAt: null,
        result: null,
        error: null,
      },
    };
    this.jobs.set(id, job);
    const report = (p: JobProgress): void => {
      if (p.phase !== job.snap.progress.phase) {
        job.phaseStartedAt = this.clock();
        job.phaseStartBytes = p.bytesDone;
      }
      job.snap.progress = { ...p };
      job.snap.etaSeconds = this.eta(job);
    };
    // Started on the next tick so that the caller has the id before any progress.
    setImmediate(() => {
      work(controller.signal, report).then(
        (result) => this.finish(job, 'done', result, null),
        (e: unknown) => {
          const cancelled = controller.signal.aborted || (e instanceof PackageError && e.code === 'exportCancelled');
          const shape = e instanceof PackageError ? e.toApiError().toShape() : toErrorShape(e).error;
          this.finish(job, cancelled ? 'cancelled' : 'failed', null, shape);
        },
      );
    });
    return id;
  }

  get(id: string): JobSnapshot {
    const job = this.jobs.get(id);
    if (!job) throw new PackageError('jobNotFound', undefined, id).toApiError();
    return structuredClone(job.snap);
  }

  /** Asks the job to stop; it reports 'cancelled' once it has cleaned up. */
  cancel(id: string): JobSnapshot {
    const job = this.jobs.get(id);
    if (!job) throw new PackageError('jobNotFound', undefined, id).toApiError();
    if (job.snap.state === 'running') job.controller.abort();
    return structuredClone(job.snap);
  }

  /** Jobs still running (the desktop asks before quitting over them). */
  runningIds(): string[] {
    return [...this.jobs.values()].filter((j) => j.snap.state === 'running').map((j) => j.snap.id);
  }

  /** Resolves when the job has finished (tests and the CLI). */
  async wait(id: string, pollMs = 20): Promise<JobSnapshot> {
    for (;;) {
      const s = this.get(id);
      if (s.state !== 'running') return s;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  private finish(job: Job, state: JobState, result: unknown, error: ApiErrorShape | null): void {
    job.snap.state = state;
    job.snap.result = result;
    job.snap.error = error;
    job.snap.etaSeconds = state === 'done' ? 0 : null;
    job.snap.finishedAt = new Date(this.clock()).toISOString();
  }

  private eta(job: Job): number | null {
    const { bytesDone, bytesTotal } = job.snap.progress;
    const elapsed = (this.clock() - job.phaseStartedAt) / 1000;
    const done = bytesDone - job.phaseStartBytes;
    if (elapsed < 0.5 || done <= 0 || bytesTotal <= 0) return null;
    return Math.max(0, Math.round(((bytesTotal - bytesDone) * elapsed) / done));
  }

  private prune(): void {
    const now = this.clock();
    for (const [id, j] of this.jobs)
      if (j.snap.finishedAt && now - Date.parse(j.snap.finishedAt) > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
