import { describe, expect, it } from 'vitest';
import { initialRunState, liveStepStatus, runReducer, type RunState } from '../../../../src/renderer/src/wizard/run-reducer';
import { compareRuns } from '../../../../src/renderer/src/wizard/run-changes';
import { contractSamples } from '../../../helpers/contract-samples';
import { keyRejected, oldKey, probe, report, secretMismatch } from '../../../helpers/report-builders';

function running(): RunState {
  const starting = runReducer(initialRunState, { type: 'start-requested', request: { profile: 'dev' } });
  return runReducer(starting, { type: 'started', runId: 'run-1' });
}

describe('the run reducer', () => {
  it('follows a run from start to done and rolls probes up per step', () => {
    let state = running();
    expect(liveStepStatus(state, 'credentials')).toBe('pending');
    state = runReducer(state, { type: 'event', event: { runId: 'run-1', type: 'probe-started', probeId: 'sts', step: 'credentials', title: 'STS' } });
    expect(liveStepStatus(state, 'credentials')).toBe('running');
    state = runReducer(state, {
      type: 'event',
      event: { runId: 'run-1', type: 'probe-finished', result: probe({ id: 'sts', step: 'credentials', status: 'fail' }) },
    });
    expect(liveStepStatus(state, 'credentials')).toBe('fail');
    const final = report({ causes: [secretMismatch], stepStatus: { credentials: 'fail' } });
    state = runReducer(state, { type: 'event', event: { runId: 'run-1', type: 'done', report: final } });
    expect(state.phase).toBe('done');
    expect(liveStepStatus(state, 'credentials')).toBe('fail');
  });

  it('ignores events of another run', () => {
    const state = running();
    const next = runReducer(state, { type: 'event', event: { runId: 'old-run', type: 'probe-started', probeId: 'x', step: 'region', title: 'X' } });
    expect(next).toBe(state);
  });

  it('keeps the last report as the previous one when the user runs again', () => {
    let state = running();
    const first = report({ causes: [secretMismatch] });
    state = runReducer(state, { type: 'event', event: { runId: 'run-1', type: 'done', report: first } });
    state = runReducer(state, { type: 'start-requested', request: { profile: 'dev' } });
    expect(state.previous).toBe(first);
  });

  it('reports a failed start with its message', () => {
    const starting = runReducer(initialRunState, { type: 'start-requested', request: {} });
    expect(runReducer(starting, { type: 'start-failed', message: 'no such profile' })).toMatchObject({ phase: 'failed', message: 'no such profile' });
  });
});

describe('a refused key looked up in IAM after the run', () => {
  const done = (profile: string): RunState => {
    const final = report({ profile, causes: [keyRejected], stepStatus: { credentials: 'fail', summary: 'fail' } });
    return runReducer(running(), { type: 'event', event: { runId: 'run-1', type: 'done', report: final } });
  };

  it('takes what IAM said into the report: root cause, the credentials step and the summary', () => {
    const state = runReducer(done('dev'), { type: 'key-looked-up', result: contractSamples.lookUpRefusedKey.response });
    if (state.phase !== 'done') throw new Error('expected a finished run');
    expect(state.report.rootCause).toBe('credentials.key-inactive');
    expect(state.report.steps.find((step) => step.step === 'credentials')?.summary).toContain('is Inactive');
    expect(state.report.steps.find((step) => step.step === 'summary')?.summary).toMatch(
      /^1 problem found\. Root cause: The access key AKIA…MPLE of IAM user dev is Inactive/,
    );
  });

  it('leaves the report of another profile as it is', () => {
    const before = done('other');
    expect(runReducer(before, { type: 'key-looked-up', result: contractSamples.lookUpRefusedKey.response })).toBe(before);
  });
});

describe('compareRuns', () => {
  it('names the causes resolved and new, and the steps whose status moved', () => {
    const before = report({ causes: [secretMismatch, oldKey], stepStatus: { credentials: 'fail', 'key-health': 'warn' } });
    const after = report({ causes: [oldKey], stepStatus: { 'key-health': 'warn' } });
    expect(compareRuns(before, after)).toEqual({
      resolved: ['credentials.secret-mismatch'],
      appeared: [],
      steps: [{ step: 'credentials', before: 'fail', after: 'pass' }],
    });
  });

  it('keeps events that arrive before the start answer and replays those of its run (a fast run over HTTP)', () => {
    let state = runReducer(initialRunState, { type: 'start-requested', request: { profile: 'dev' } });
    const final = report({ profile: 'dev' });
    state = runReducer(state, { type: 'event', event: { runId: 'other', type: 'error', message: 'not ours' } });
    state = runReducer(state, { type: 'event', event: { runId: 'fast', type: 'done', report: final } });
    state = runReducer(state, { type: 'started', runId: 'fast' });
    expect(state.phase).toBe('done');
  });
});
