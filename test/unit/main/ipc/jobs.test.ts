import { describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../../src/main/ipc/jobs';

describe('JobRegistry', () => {
  it('returns a run id at once and cancels the run through its signal', async () => {
    const jobs = new JobRegistry();
    let sawAbort = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const runId = jobs.start(
      'diagnosis',
      (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
            resolve();
          });
          started();
        }),
    );
    await running;
    expect(jobs.active('diagnosis')).toEqual([runId]);
    expect(jobs.cancel('diagnosis', runId)).toBe(true);
    await jobs.settled(runId);
    expect(sawAbort).toBe(true);
    expect(jobs.active()).toEqual([]);
    expect(jobs.cancel('diagnosis', runId)).toBe(false);
  });

  it('keeps a failing job from escaping as an unhandled rejection', async () => {
    const jobs = new JobRegistry();
    const runId = jobs.start('rotation', async () => {
      throw new Error('boom');
    });
    await jobs.settled(runId);
    expect(jobs.active()).toEqual([]);
  });

  it('cancelling a diagnosis by a rotation’s run id leaves the rotation running', async () => {
    const jobs = new JobRegistry();
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let aborted = false;
    const runId = jobs.start('rotation', (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      started();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await running;
    expect(jobs.cancel('diagnosis', runId)).toBe(false);
    expect(jobs.active('rotation')).toEqual([runId]);
    expect(aborted).toBe(false);
    release();
    await jobs.settled(runId);
  });
});
