import { randomUUID } from 'node:crypto';

/** The kinds of long work; a run is cancelled only through the channel of its own kind. */
export type JobKind = 'diagnosis' | 'rotation' | 'sso-sign-in';

/** A long-running piece of work the renderer started: it can be cancelled by its id. */
interface RunningJob {
  kind: JobKind;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The streaming pattern for long work (a diagnosis, a rotation): `start` returns a run id
 * at once, the work pushes events tagged with that id through the handler context, and
 * `cancel` aborts its signal. A job's failure is the job's to report as an event; the
 * registry only guarantees that nothing escapes as an unhandled rejection.
 */
export class JobRegistry {
  private readonly running = new Map<string, RunningJob>();

  /** Starts `work` in the background and returns its run id. */
  start(kind: JobKind, work: (signal: AbortSignal, runId: string) => Promise<void>): string {
    const runId = randomUUID();
    const controller = new AbortController();
    const done = Promise.resolve()
      .then(() => work(controller.signal, runId))
      .catch(() => undefined)
      .finally(() => this.running.delete(runId));
    this.running.set(runId, { kind, controller, done });
    return runId;
  }

  /**
   * Aborts a run of `kind`; false when no such run is going (already finished, never started,
   * or of another kind: cancelling a diagnosis must not stop a rotation half-way).
   */
  cancel(kind: JobKind, runId: string): boolean {
    const job = this.running.get(runId);
    if (!job || job.kind !== kind) return false;
    job.controller.abort(new Error('Cancelled by the user.'));
    return true;
  }

  /** Ids of the runs still going, optionally of one kind. */
  active(kind?: JobKind): string[] {
    return [...this.running.entries()].filter(([, job]) => kind === undefined || job.kind === kind).map(([id]) => id);
  }

  /** Resolves when the given run (or every run) has settled; for shutdown and tests. */
  async settled(runId?: string): Promise<void> {
    const jobs = runId === undefined ? [...this.running.values()] : [this.running.get(runId)].filter((job) => job !== undefined);
    await Promise.all(jobs.map((job) => job.done));
  }

  /** Cancels everything, for app shutdown. */
  cancelAll(): void {
    for (const [id, job] of this.running) this.cancel(job.kind, id);
  }
}
