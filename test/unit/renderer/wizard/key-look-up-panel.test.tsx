import { MantineProvider } from '@mantine/core';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiContext } from '../../../../src/renderer/src/hooks/use-api';
import type { RunState } from '../../../../src/renderer/src/wizard/run-reducer';
import { StepPage } from '../../../../src/renderer/src/wizard/step-page';
import type { Cause } from '../../../../src/shared/model/diagnosis';
import { contractSamples } from '../../../helpers/contract-samples';
import { probe, report } from '../../../helpers/report-builders';
import { fakeApi } from '../fake-api';

const noFixes = { onFileFix: vi.fn(), onRotate: vi.fn(), onSsoSignIn: vi.fn(), onKeyLookedUp: vi.fn() };

const rejected: Cause = {
  id: 'credentials.key-rejected',
  severity: 'error',
  step: 'credentials',
  summary: 'AWS does not recognise the access key id (InvalidClientTokenId): it is unknown, deleted or inactive.',
  evidence: [],
  fixes: [{ kind: 'copy-command', label: 'Write a working key into the profile', command: 'aws configure --profile dev' }],
};

function refused(): RunState {
  const final = report({
    profile: 'dev',
    causes: [rejected],
    stepStatus: { credentials: 'fail' },
    probes: [probe({ id: 'sts', step: 'credentials', title: 'Who AWS says you are', status: 'fail', verdict: 'Refused.' })],
  });
  return { phase: 'done', runId: 'r', request: { profile: 'dev' }, probes: [], report: final, previous: null };
}

function show(answers: Parameters<typeof fakeApi>[0]) {
  const fake = fakeApi(answers);
  render(
    <MantineProvider>
      <ApiContext.Provider value={fake.api}>
        <StepPage step="credentials" state={refused()} fixHandlers={noFixes} />
      </ApiContext.Provider>
    </MantineProvider>,
  );
  return fake;
}

describe('a refused key offers to be looked up with another profile', () => {
  beforeEach(() => noFixes.onKeyLookedUp.mockClear());

  it('sends only the two profile names, and shows what IAM said: Inactive, with its fix', async () => {
    const user = userEvent.setup();
    const fake = show({
      keyLookUpCandidates: () => ({ ok: true, value: contractSamples.keyLookUpCandidates.response }),
      lookUpRefusedKey: () => ({ ok: true, value: contractSamples.lookUpRefusedKey.response }),
    });
    await user.click(await screen.findByRole('button', { name: 'Look the key up with profile admin (same account)' }));
    expect(fake.api.keyLookUpCandidates).toHaveBeenCalledWith({ profile: 'dev' });
    expect(fake.api.lookUpRefusedKey).toHaveBeenCalledWith({ profile: 'dev', helperProfile: 'admin' });
    expect(await screen.findByText('IAM lookup with profile admin')).toBeInTheDocument();
    expect(document.querySelector('[data-key-look-up-result] [data-cause-id="credentials.key-inactive"]')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Make it active again' })).toBeInTheDocument();
    expect(noFixes.onKeyLookedUp).toHaveBeenCalledWith(contractSamples.lookUpRefusedKey.response);
  });

  it('when the person says no in main, says so and shows no result', async () => {
    const user = userEvent.setup();
    show({
      keyLookUpCandidates: () => ({ ok: true, value: contractSamples.keyLookUpCandidates.response }),
      lookUpRefusedKey: () => ({
        ok: false,
        error: { code: 'cancelled', message: 'Profile "admin" was not used: it was not confirmed in the app\'s dialog.' },
      }),
    });
    await user.click(await screen.findByRole('button', { name: /Look the key up with profile admin/ }));
    expect(await screen.findByText(/was not used: it was not confirmed/)).toBeInTheDocument();
    expect(document.querySelector('[data-key-look-up-result]')).toBeNull();
    expect(noFixes.onKeyLookedUp).not.toHaveBeenCalled();
  });

  it('offers nothing when no other profile could', async () => {
    const fake = show({ keyLookUpCandidates: () => ({ ok: true, value: { candidates: [] } }) });
    expect(await screen.findByText(/it is unknown, deleted or inactive/)).toBeInTheDocument();
    // No offer means something only once the page has the (empty) answer.
    await waitFor(() => expect(fake.api.keyLookUpCandidates).toHaveBeenCalledWith({ profile: 'dev' }));
    await act(async () => {
      await vi.mocked(fake.api.keyLookUpCandidates).mock.results[0]!.value;
    });
    expect(screen.queryByRole('button', { name: /Look the key up/ })).toBeNull();
  });
});
