import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../src/renderer/src/app';
import { contractSamples } from '../../../helpers/contract-samples';
import { fakeApi } from '../fake-api';
import { probe, report, secretMismatch } from '../../../helpers/report-builders';

function rail() {
  return within(screen.getByRole('navigation', { name: 'Wizard steps' }));
}

describe('the wizard flow', () => {
  it('starts a run for the default profile, fills the rail in live, and lands on a summary', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      listProfiles: () => ({ ok: true, value: contractSamples.listProfiles.response }),
      startDiagnosis: () => ({ ok: true, value: { runId: 'run-7' } }),
      cancelDiagnosis: () => ({ ok: true, value: { cancelled: true } }),
    });
    render(<App api={fake.api} forceColorScheme="light" />);
    await user.type(await screen.findByRole('textbox', { name: /Cluster \(optional\)/ }), 'orders');
    await user.click(screen.getByRole('button', { name: 'Diagnose' }));
    expect(fake.api.startDiagnosis).toHaveBeenCalledWith({ profile: 'default', cluster: 'orders', region: undefined, user: undefined });
    expect(screen.getByRole('heading', { level: 2, name: 'Credentials' })).toBeInTheDocument();

    fake.emit('onDiagnosisEvent', { runId: 'run-7', type: 'probe-started', probeId: 'sts', step: 'credentials', title: 'Ask STS who you are' });
    await waitFor(() => expect(rail().getByRole('button', { name: /Credentials/ })).toHaveTextContent('Running'));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.api.cancelDiagnosis).toHaveBeenCalledWith({ runId: 'run-7' });

    const failing = probe({ id: 'sts', step: 'credentials', title: 'Ask STS who you are', status: 'fail', verdict: 'The secret does not match.' });
    fake.emit('onDiagnosisEvent', { runId: 'run-7', type: 'probe-finished', result: failing });
    await waitFor(() => expect(rail().getByRole('button', { name: /Credentials/ })).toHaveTextContent('Fail'));
    fake.emit('onDiagnosisEvent', {
      runId: 'run-7',
      type: 'done',
      report: report({ profile: 'default', causes: [secretMismatch], probes: [failing], stepStatus: { credentials: 'fail' } }),
    });
    await user.click(rail().getByRole('button', { name: /Summary/ }));
    expect(await screen.findByText('Root cause')).toBeInTheDocument();
    expect(screen.getByText(/1 cause found for profile/)).toBeInTheDocument();
  });

  it('diagnoses the keys in the environment, naming no profile, on a machine with no AWS files (a container, a CI runner)', async () => {
    const user = userEvent.setup();
    const sample = contractSamples.listProfiles.response;
    const environmentOnly = {
      ...sample,
      profiles: [],
      environment: { ...sample.environment, hasAccessKeyId: true, hasSecretAccessKey: true, maskedKeyId: 'AKIA…MPLE', credentialsWin: true },
    };
    const fake = fakeApi({
      listProfiles: () => ({ ok: true, value: environmentOnly }),
      startDiagnosis: () => ({ ok: true, value: { runId: 'run-8' } }),
    });
    render(<App api={fake.api} forceColorScheme="light" />);
    const picked = await screen.findByRole('combobox', { name: 'Profile' });
    expect(picked).toHaveValue('Environment variables — keys AKIA…MPLE from AWS_ACCESS_KEY_ID, no profile named');
    expect(screen.getByText('The SDK would use the keys in the environment right now.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Diagnose' }));
    expect(fake.api.startDiagnosis).toHaveBeenCalledWith({ cluster: undefined, region: undefined, user: undefined });
    expect(screen.getByRole('banner')).toHaveTextContent('none named (the SDK’s default chain)');
  });

  it('keeps what was typed on the Start page across a visit to another page', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({ listProfiles: () => ({ ok: true, value: contractSamples.listProfiles.response }) });
    render(<App api={fake.api} forceColorScheme="light" />);
    await user.type(await screen.findByRole('textbox', { name: /Cluster \(optional\)/ }), 'orders');
    await user.type(screen.getByRole('textbox', { name: /I have an error message/ }), 'WRONGPASS invalid username-password pair');
    await user.click(rail().getByRole('button', { name: /Region/ }));
    expect(screen.getByRole('heading', { level: 2, name: 'Region' })).toBeInTheDocument();
    await user.click(rail().getByRole('button', { name: /Start/ }));
    expect(await screen.findByRole('textbox', { name: /Cluster \(optional\)/ })).toHaveValue('orders');
    expect(screen.getByRole('textbox', { name: /I have an error message/ })).toHaveValue('WRONGPASS invalid username-password pair');
  });

  it('reads a pasted error message and says which causes produce it before anything runs', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({ listProfiles: () => ({ ok: true, value: contractSamples.listProfiles.response }) });
    render(<App api={fake.api} forceColorScheme="light" />);
    await user.click(await screen.findByRole('textbox', { name: /I have an error message/ }));
    await user.paste(
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
    );
    const title = await screen.findByText('InvalidClientTokenId: what it means');
    const meaning = title.closest<HTMLElement>('[role="alert"]')!;
    expect(within(meaning).getAllByRole('listitem')[0]).toHaveTextContent('AWS does not accept the key id');
    expect(fake.api.startDiagnosis).not.toHaveBeenCalled();
  });

  it('says why a run could not start', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      listProfiles: () => ({ ok: true, value: contractSamples.listProfiles.response }),
      startDiagnosis: () => ({ ok: false, error: { code: 'invalid-payload', message: 'The request is invalid: profile: too long.' } }),
    });
    render(<App api={fake.api} forceColorScheme="light" />);
    await user.click(await screen.findByRole('button', { name: 'Diagnose' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The request is invalid: profile: too long.');
  });
});

describe('the cluster sign-in page', () => {
  it('signs the IAM token for the region where the scan found the cluster', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      listProfiles: () => ({ ok: true, value: contractSamples.listProfiles.response }),
      startDiagnosis: () => ({ ok: true, value: { runId: 'run-9' } }),
      generateClusterToken: () => ({ ok: true, value: contractSamples.generateClusterToken.response }),
    });
    render(<App api={fake.api} forceColorScheme="light" />);
    await user.type(await screen.findByRole('textbox', { name: /Cluster \(optional\)/ }), 'orders');
    await user.type(screen.getByRole('textbox', { name: /Cluster user/ }), 'app-user');
    await user.click(screen.getByRole('button', { name: 'Diagnose' }));
    const elsewhere = {
      id: 'region.cluster-elsewhere' as const,
      severity: 'error' as const,
      step: 'region' as const,
      summary: 'Cluster orders is in eu-west-1, not in us-west-2.',
      evidence: [],
      fixes: [
        {
          kind: 'set-value' as const,
          id: 'set-value:config:default:region=eu-west-1',
          label: 'Set region = eu-west-1',
          file: 'config' as const,
          path: '/home/u/.aws/config',
          profile: 'default',
          key: 'region',
          value: 'eu-west-1',
        },
      ],
    };
    fake.emit('onDiagnosisEvent', {
      runId: 'run-9',
      type: 'done',
      report: report({ profile: 'default', causes: [elsewhere], stepStatus: { region: 'fail' } }),
    });
    await user.click(rail().getByRole('button', { name: /Cluster sign-in/ }));
    await user.click(await screen.findByRole('button', { name: 'Generate token' }));
    await waitFor(() =>
      expect(fake.api.generateClusterToken).toHaveBeenCalledWith({ profile: 'default', cluster: 'orders', user: 'app-user', region: 'eu-west-1' }),
    );
  });
});
