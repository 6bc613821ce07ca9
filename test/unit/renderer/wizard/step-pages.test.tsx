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
import { oldKey, probe, report, secretMismatch } from '../../../helpers/report-builders';

function withApi(ui: ReactNode, api: DoctorApi = fakeApi().api) {
  return render(
    <MantineProvider>
      <ApiContext.Provider value={api}>{ui}</ApiContext.Provider>
    </MantineProvider>,
  );
}

const noFixes = { onFileFix: vi.fn(), onRotate: vi.fn(), onSsoSignIn: vi.fn(), onKeyLookedUp: vi.fn() };

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
  ] as const)('when finished with %s, opens with the verdict sentence and the status in words', (status, words) => {
    withApi(<StepPage step="region" state={done(status)} fixHandlers={noFixes} />);
    expect(screen.getByRole('status')).toHaveTextContent('region summary');
    expect(screen.getAllByText(words).length).toBeGreaterThanOrEqual(1);
    // The probe's own verdict is evidence: behind the disclosure until asked for.
    expect(screen.queryByText(`The region check says ${status}.`)).not.toBeInTheDocument();
  });

  it('keeps the evidence behind "Show evidence" and shows each table once', async () => {
    const user = userEvent.setup();
    const sts = probe({ id: 'sts', step: 'credentials', title: 'Ask STS who you are', status: 'fail', evidence: secretMismatch.evidence });
    const state = done('fail', { causes: [secretMismatch], probes: [sts], stepStatus: { credentials: 'fail' } });
    let open = false;
    const view = () => ({ evidenceOpen: open, onToggleEvidence: () => (open = !open), onGo: vi.fn() });
    const { rerender } = withApi(<StepPage step="credentials" state={state} fixHandlers={noFixes} view={view()} />);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Show evidence/ }));
    rerender(
      <MantineProvider>
        <ApiContext.Provider value={fakeApi().api}>
          <StepPage step="credentials" state={state} fixHandlers={noFixes} view={view()} />
        </ApiContext.Provider>
      </MantineProvider>,
    );
    expect(screen.getAllByRole('table')).toHaveLength(1);
    expect(screen.getAllByText('SignatureDoesNotMatch')).toHaveLength(1);
    expect(screen.getByRole('table')).toHaveTextContent('c0ffee00-1111-2222-3333-444455556666');
  });

  it('offers one primary action, from the root cause, and names the cause id only as a tag', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi({ copyText: () => ({ ok: true, value: { copied: true } }) });
    const state = done('fail', { causes: [secretMismatch, oldKey], stepStatus: { credentials: 'fail' } });
    const { container } = withApi(<StepPage step="credentials" state={state} fixHandlers={noFixes} />, api);
    expect(screen.getByText('Root cause')).toBeInTheDocument();
    const actions = screen.getAllByRole('button', { name: 'Copy the command to re-enter the secret' });
    expect(actions).toHaveLength(1);
    // It is the page's one primary action, and the only button there.
    const primary = container.querySelectorAll('[data-primary-action]');
    expect(primary).toHaveLength(1);
    expect(within(primary[0] as HTMLElement).getAllByRole('button')).toEqual(actions);
    await user.click(actions[0]!);
    expect(api.copyText).toHaveBeenCalledWith({ text: 'aws configure set aws_secret_access_key --profile dev' });
    // Sentences carry no id; an id stands only in its own code tag.
    for (const element of container.querySelectorAll('p, h2, h3, [role="status"], button')) {
      const prose = element.cloneNode(true) as Element;
      for (const code of prose.querySelectorAll('code')) code.remove();
      expect(prose.textContent ?? '').not.toMatch(/credentials\.secret-mismatch/);
    }
    expect(container.querySelector('code[data-cause-id="credentials.secret-mismatch"]')).not.toBeNull();
  });

  it('takes its primary action from the root cause only: a header to rename by hand is said in words, and a later cause’s button is not promoted', () => {
    const misnamed = {
      ...secretMismatch,
      id: 'profile.malformed' as const,
      summary: '[profile default] in the credentials file is read as a profile named "profile.default", not "default".',
      fixes: [],
      advice: 'Rename the header to [default].',
    };
    const state = done('fail', { causes: [misnamed, secretMismatch], stepStatus: { credentials: 'fail' } });
    const { container } = withApi(<StepPage step="credentials" state={state} fixHandlers={noFixes} />);
    expect(container.querySelector('[data-primary-action]')).toBeNull();
    expect(screen.getByText('What to do: Rename the header to [default].')).toBeInTheDocument();
    // The second cause keeps its own button, in its own card.
    expect(screen.getAllByRole('button', { name: 'Copy the command to re-enter the secret' })).toHaveLength(1);
  });

  it('calls a step that could not judge Blocked, names the step it needs, and leads there', async () => {
    const user = userEvent.setup();
    const onGo = vi.fn();
    const final = report({ causes: [secretMismatch], stepStatus: { credentials: 'fail' } });
    final.steps = final.steps.map((step) =>
      step.step === 'region'
        ? { step: 'region', status: 'blocked', blockedBy: 'credentials', summary: 'Needs Credentials first: this step cannot judge.' }
        : step,
    );
    const state: RunState = { phase: 'done', runId: 'r', request: { profile: 'dev' }, probes: [], report: final, previous: null };
    withApi(<StepPage step="region" state={state} fixHandlers={noFixes} view={{ evidenceOpen: false, onToggleEvidence: vi.fn(), onGo }} />);
    expect(screen.getByText('Blocked')).toBeInTheDocument();
    expect(screen.queryByText('Fail')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Needs Credentials first');
    await user.click(screen.getByRole('button', { name: 'Go to Credentials' }));
    expect(onGo).toHaveBeenCalledWith('credentials');
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
    expect(screen.getByRole('status')).toHaveTextContent('Profile dev signs in, reaches MemoryDB and may do what it needs.');
  });

  it('names the keys in the environment, not a profile "default" that does not exist, when they were what the run checked', () => {
    const state = done('pass');
    if (state.phase !== 'done') throw new Error('not done');
    const fromEnvironment = {
      ...state,
      report: { ...state.report, profile: 'default', target: { ...state.report.target, credentialSource: 'environment variables' } },
    };
    withApi(<SummaryPage state={fromEnvironment} fixHandlers={noFixes} onRerun={vi.fn()} />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'The keys in the environment (AWS_ACCESS_KEY_ID AKIA…MPLE) sign in, reach MemoryDB and may do what they need.',
    );
    expect(screen.getByRole('status')).not.toHaveTextContent('default');
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
