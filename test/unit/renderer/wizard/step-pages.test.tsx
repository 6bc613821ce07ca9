import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiContext } from '../../../../src/renderer/src/hooks/use-api';
import { initialRunState, type RunState } from '../../../../src/renderer/src/wizard/run-reducer';
import { StepPage } from '../../../../src/renderer/src/wizard/step-page';
import { SummaryPage } from '../../../../src/renderer/src/wizard/summary-page';
import type { DoctorApi } from '../../../../src/shared/ipc/contract';
import type { ProbeStatus } from '../../../../src/shared/model/diagnosis';
import { fakeApi } from '../fake-api';
import { oldKey, probe, report, secretMismatch } from './report-fixtures';

function withApi(ui: ReactNode, api: DoctorApi = fakeApi().api) {
  return render(
    <MantineProvider>
      <ApiContext.Provider value={api}>{ui}</ApiContext.Provider>
    </MantineProvider>,
  );
}

const noFixes = { onFileFix: vi.fn(), onRotate: vi.fn(), onSsoSignIn: vi.fn() };

function done(status: ProbeStatus, extra: Partial<Parameters<typeof report>[0]> = {}): RunState {
  const final = report({
    stepStatus: { region: status },
    probes: [probe({ id: 'describe-clusters', step: 'region', title: 'Clusters in us-east-1', status, verdict: `The region check says ${status}.` })],
    ...extra,
  });
  return {
    phase: 'done',
    runId: 'r',
    request: { profile: 'dev' },
    probes: final.probes.map((result) => ({ id: result.id, step: result.step, title: result.title, state: 'finished', result })),
    report: final,
    previous: null,
  };
}

describe('a step page', () => {
  it('before any run, says how to start one', () => {
    withApi(<StepPage step="region" state={initialRunState} fixHandlers={noFixes} />);
    expect(screen.getByRole('heading', { name: 'Region' })).toBeInTheDocument();
    expect(screen.getByText(/press Diagnose/)).toBeInTheDocument();
    expect(screen.getByText('Pending')).toBeInTheDocument();
  });

  it('while a probe runs, shows it as running', () => {
    const state: RunState = {
      phase: 'running',
      runId: 'r',
      request: {},
      probes: [{ id: 'sts', step: 'credentials', title: 'Ask STS who you are', state: 'running' }],
      previous: null,
    };
    withApi(<StepPage step="credentials" state={state} fixHandlers={noFixes} />);
    const card = screen.getByRole('region', { name: 'Ask STS who you are' });
    expect(within(card).getByText('Checking…')).toBeInTheDocument();
    expect(within(card).getByText('Running')).toBeInTheDocument();
  });

  it.each([
    ['pass', 'Pass'],
    ['warn', 'Warning'],
    ['fail', 'Fail'],
    ['skipped', 'Skipped'],
    ['unknown', 'Unknown'],
  ] as const)('when finished with %s, shows the verdict and the status in words', (status, words) => {
    withApi(<StepPage step="region" state={done(status)} fixHandlers={noFixes} />);
    expect(screen.getByText(`The region check says ${status}.`)).toBeInTheDocument();
    expect(screen.getAllByText(words).length).toBeGreaterThanOrEqual(2);
    expect(screen.getByRole('status')).toHaveTextContent('region summary');
  });

  it('shows a cause with its evidence and acts on its fixes', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi({ copyText: () => ({ ok: true, value: { copied: true } }) });
    const state = done('fail', { causes: [secretMismatch, oldKey], stepStatus: { credentials: 'fail' } });
    withApi(<StepPage step="credentials" state={state} fixHandlers={noFixes} />, api);
    expect(screen.getByText('Root cause')).toBeInTheDocument();
    const evidence = screen.getByRole('table', { name: 'Evidence for credentials.secret-mismatch' });
    expect(within(evidence).getByText('SignatureDoesNotMatch')).toBeInTheDocument();
    expect(within(evidence).getByText('403')).toBeInTheDocument();
    expect(within(evidence).getByText('c0ffee00-1111-2222-3333-444455556666')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy the command to re-enter the secret' }));
    expect(api.copyText).toHaveBeenCalledWith({ text: 'aws configure set aws_secret_access_key --profile dev' });
  });

  it('sends a rotate fix to the rotation screen', async () => {
    const user = userEvent.setup();
    const onRotate = vi.fn();
    withApi(<StepPage step="key-health" state={done('warn', { causes: [oldKey] })} fixHandlers={{ ...noFixes, onRotate }} />);
    await user.click(screen.getByRole('button', { name: 'Rotate this key' }));
    expect(onRotate).toHaveBeenCalledWith('dev');
  });
});

describe('the summary page', () => {
  it('before a run, says there is nothing yet', () => {
    withApi(<SummaryPage state={initialRunState} fixHandlers={noFixes} onRerun={vi.fn()} />);
    expect(screen.getByText('Run a diagnosis to see its summary.')).toBeInTheDocument();
  });

  it('with no causes, says no problem was found', () => {
    withApi(<SummaryPage state={done('pass')} fixHandlers={noFixes} onRerun={vi.fn()} />);
    expect(screen.getByText('No problem found')).toBeInTheDocument();
  });

  it('puts the root cause first and exports and copies the redacted report', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi({
      exportDiagnosis: () => ({ ok: true, value: { text: '# Report', savedTo: '/tmp/report.md' } }),
      copyText: () => ({ ok: true, value: { copied: true } }),
    });
    withApi(<SummaryPage state={done('fail', { causes: [oldKey, secretMismatch] })} fixHandlers={noFixes} onRerun={vi.fn()} />, api);
    const ids = screen.getAllByText(/^(keys|credentials)\./).map((element) => element.textContent);
    expect(ids[0]).toBe('credentials.secret-mismatch');
    await user.click(screen.getByRole('button', { name: 'Export report (Markdown)' }));
    expect(api.exportDiagnosis).toHaveBeenCalledWith({ runId: 'r', format: 'markdown' });
    await user.click(screen.getByRole('button', { name: 'Copy as Markdown' }));
    expect(api.copyText).toHaveBeenCalledWith({ text: '# Report' });
  });

  it('shows what changed since the last run of the same profile', () => {
    const state = done('pass');
    const withPrevious: RunState =
      state.phase === 'done' ? { ...state, previous: report({ causes: [secretMismatch], stepStatus: { credentials: 'fail' } }) } : state;
    withApi(<SummaryPage state={withPrevious} fixHandlers={noFixes} onRerun={vi.fn()} />);
    expect(screen.getByText('Since the last run')).toBeInTheDocument();
    expect(screen.getByText('credentials.secret-mismatch')).toBeInTheDocument();
    expect(screen.getByText(/credentials: fail → pass/)).toBeInTheDocument();
  });
});
