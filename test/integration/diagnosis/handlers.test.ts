import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDiagnosisHandlers } from '../../../src/main/ipc/handlers/diagnosis-handlers';
import { scopeOf } from '../../../src/main/ipc/handlers';
import { createDispatcher, type HandlerContext } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers/index';
import { JobRegistry } from '../../../src/main/ipc/jobs';
import { headlessShell, type ShellPort } from '../../../src/main/ipc/shell-port';
import { diagnosisEventSchema, type DiagnosisEvent } from '../../../src/shared/model/diagnosis';
import { presetSecrets, startPresetSim, type PresetSim } from '../../helpers/sim-presets';

let bench: PresetSim;

beforeAll(async () => {
  bench = await startPresetSim({}, ['good', 'bad-secret']);
});

afterAll(async () => {
  await bench?.close();
});

function recordingShell(): ShellPort & { saved: Array<{ suggestedName: string; content: string }> } {
  const saved: Array<{ suggestedName: string; content: string }> = [];
  return {
    ...headlessShell(),
    saved,
    async saveTextFile(request) {
      saved.push(request);
      return `/tmp/${request.suggestedName}`;
    },
  };
}

describe('diagnosis IPC through the validated dispatcher', () => {
  it('start streams schema-valid, secret-free events ending in done; export saves and returns the redacted text', async () => {
    const jobs = new JobRegistry();
    const shell = recordingShell();
    const dispatch = createDispatcher(
      createHandlers({ host: bench.hostFor(bench.preset('bad-secret')), identity: { name: 'test', version: '0' }, jobs, shell }),
    );
    const sent: Array<{ channel: string; payload: unknown }> = [];
    const started = await dispatch('diagnosis:start', { profile: 'bad-secret' }, (channel, payload) => sent.push({ channel, payload }));
    expect(started.ok).toBe(true);
    const runId = started.ok ? (started.value as { runId: string }).runId : '';
    await jobs.settled(runId);
    const events = sent.map((entry) => diagnosisEventSchema.parse(entry.payload));
    expect(sent.every((entry) => entry.channel === 'diagnosis:event')).toBe(true);
    expect(events.every((event) => event.runId === runId)).toBe(true);
    expect(events.some((event) => event.type === 'probe-started')).toBe(true);
    const done = events.at(-1) as Extract<DiagnosisEvent, { type: 'done' }>;
    expect(done.type).toBe('done');
    expect(done.report.rootCause).toBe('credentials.secret-mismatch');
    const secrets = await presetSecrets(bench.folder);
    for (const secret of secrets) expect(JSON.stringify(sent)).not.toContain(secret);

    const exported = await dispatch('diagnosis:export', { runId, format: 'markdown' }, () => undefined);
    expect(exported.ok && exported.value).toMatchObject({
      savedTo: expect.stringMatching(/^\/tmp\/mdb-doctor-bad-secret-.*\.md$/),
      text: expect.stringContaining('credentials.secret-mismatch'),
    });
    expect(shell.saved[0]!.content).toContain('## Root cause');
    for (const secret of secrets) expect(shell.saved[0]!.content).not.toContain(secret);

    const json = await dispatch('diagnosis:export', { report: done.report, format: 'json' }, () => undefined);
    expect(json.ok && JSON.parse((json.value as { text: string }).text).rootCause).toBe('credentials.secret-mismatch');
  });

  it('export of an unknown run is not-found; cancel of a finished run says so; a bad request is refused', async () => {
    const jobs = new JobRegistry();
    const dispatch = createDispatcher(
      createHandlers({ host: bench.hostFor(bench.preset('good')), identity: { name: 'test', version: '0' }, jobs, shell: headlessShell() }),
    );
    expect(await dispatch('diagnosis:export', { runId: 'nope', format: 'json' }, () => undefined)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch('diagnosis:cancel', { runId: 'nope' }, () => undefined)).toEqual({ ok: true, value: { cancelled: false } });
    expect(await dispatch('diagnosis:start', { profile: '', extra: 1 }, () => undefined)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('cancel stops a running diagnosis and it still reports done, marked cancelled', async () => {
    bench.sim.knobs.latencyMs = 300;
    try {
      const jobs = new JobRegistry();
      const handlers = createDiagnosisHandlers(
        scopeOf({
          host: bench.hostFor(bench.preset('good')),
          identity: { name: 'test', version: '0' },
          jobs,
          shell: headlessShell(),
        }),
      );
      const events: DiagnosisEvent[] = [];
      const context: HandlerContext = { emit: (_event, payload) => events.push(payload as DiagnosisEvent) };
      const { runId } = await handlers.startDiagnosis({ profile: 'good' }, context);
      // Cancel once a live call is under way (each answer takes 300 ms).
      await vi.waitFor(() => expect(events).toContainEqual(expect.objectContaining({ type: 'probe-started', probeId: 'credentials.caller-identity' })), {
        timeout: 10_000,
      });
      expect(await handlers.cancelDiagnosis({ runId })).toEqual({ cancelled: true });
      await jobs.settled(runId);
      const done = events.find((event) => event.type === 'done');
      expect(done && done.type === 'done' && done.report.cancelled).toBe(true);
    } finally {
      bench.sim.knobs.latencyMs = 0;
    }
  });

  it('runs one diagnosis at a time: starting another cancels the one going', async () => {
    bench.sim.knobs.latencyMs = 300;
    try {
      const jobs = new JobRegistry();
      const handlers = createDiagnosisHandlers(
        scopeOf({ host: bench.hostFor(bench.preset('good')), identity: { name: 'test', version: '0' }, jobs, shell: headlessShell() }),
      );
      const events: DiagnosisEvent[] = [];
      const context: HandlerContext = { emit: (_event, payload) => events.push(payload as DiagnosisEvent) };
      const first = await handlers.startDiagnosis({ profile: 'good' }, context);
      const second = await handlers.startDiagnosis({ profile: 'good' }, context);
      const third = await handlers.startDiagnosis({ profile: 'good' }, context);
      expect(jobs.active('diagnosis').filter((id) => id !== first.runId && id !== second.runId)).toEqual([third.runId]);
      await jobs.settled();
      const doneOf = (runId: string) => events.find((event) => event.runId === runId && event.type === 'done');
      for (const replaced of [first.runId, second.runId]) {
        const done = doneOf(replaced);
        expect(done && done.type === 'done' && done.report.cancelled).toBe(true);
      }
      const last = doneOf(third.runId);
      expect(last && last.type === 'done' && last.report.cancelled).toBe(false);
    } finally {
      bench.sim.knobs.latencyMs = 0;
    }
  });
});
