import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ClusterSignInPanel } from '../../../../src/renderer/src/cluster/cluster-sign-in-panel';
import { ApiContext } from '../../../../src/renderer/src/hooks/use-api';
import type { SignInTestRequest } from '../../../../src/shared/model/cluster';
import { contractSamples } from '../../../helpers/contract-samples';
import { fakeApi } from '../fake-api';

function setup(overrides: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi({
    getClusterEndpoint: () => ({ ok: true, value: contractSamples.getClusterEndpoint.response }),
    generateClusterToken: () => ({ ok: true, value: contractSamples.generateClusterToken.response }),
    copyClusterToken: () => ({ ok: true, value: contractSamples.copyClusterToken.response }),
    testClusterSignIn: (request) => {
      const secret = (request as SignInTestRequest).secret;
      const right = secret.kind === 'password' && secret.password === 'right-password';
      return {
        ok: true,
        value: {
          outcome: right ? 'signed-in' : 'wrong-password',
          verdict: right
            ? 'Signed in to host:6379 as app-user over TLS; PING answered.'
            : 'host:6379 refused app-user: WRONGPASS invalid username-password pair or user is disabled.',
          hints: right ? [] : ['WRONGPASS means one of: the password is wrong, the user is not in the ACL, or its access string is off.'],
          stages: [{ stage: 'connect', status: 'pass', detail: 'TCP connection opened.' }],
          serverReply: right ? null : 'WRONGPASS invalid username-password pair or user is disabled.',
          durationMs: 20,
        },
      };
    },
    ...overrides,
  });
  render(
    <MantineProvider>
      <Notifications />
      <ApiContext.Provider value={fake.api}>
        <ClusterSignInPanel profile="dev" cluster="orders" user="app-user" region="eu-west-1" />
      </ApiContext.Provider>
    </MantineProvider>,
  );
  return fake.api;
}

describe('ClusterSignInPanel', () => {
  it('shows the token masked, and has main copy a fresh one: the page asks, never holds the token, and says where it went', async () => {
    const user = userEvent.setup();
    const api = setup();
    await user.click(screen.getByRole('button', { name: 'Generate token' }));
    expect(await screen.findByLabelText('Token (masked)')).toHaveTextContent('X-Amz-Signature=••••••••');
    expect(api.generateClusterToken).toHaveBeenLastCalledWith({ profile: 'dev', cluster: 'orders', user: 'app-user', region: 'eu-west-1' });
    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(api.copyClusterToken).toHaveBeenCalledWith({ profile: 'dev', cluster: 'orders', user: 'app-user', region: 'eu-west-1' });
    expect(api.copyText).not.toHaveBeenCalled();
    const section = screen.getByRole('region', { name: 'IAM auth token' });
    expect(await within(section).findByRole('status')).toHaveTextContent(
      /A fresh token for app-user is on the clipboard; the app clears it at .+\. It is valid until/,
    );
  });

  it('says the token is in the terminal when mdb-doctor ui printed it there', async () => {
    const user = userEvent.setup();
    setup({ copyClusterToken: () => ({ ok: true, value: { ...contractSamples.copyClusterToken.response, deliveredTo: 'terminal', clearsAt: null } }) });
    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    const section = screen.getByRole('region', { name: 'IAM auth token' });
    expect(await within(section).findByRole('status')).toHaveTextContent('A fresh token for app-user is printed in the terminal where mdb-doctor ui runs');
  });

  it('shows why a token could not be made', async () => {
    const user = userEvent.setup();
    setup({
      generateClusterToken: () => ({
        ok: false,
        error: { code: 'refused', message: 'No region for profile "dev": give one (--region) or set it in the profile.' },
      }),
    });
    await user.click(screen.getByRole('button', { name: 'Generate token' }));
    const section = screen.getByRole('region', { name: 'IAM auth token' });
    expect(await within(section).findByRole('alert')).toHaveTextContent('No region for profile "dev"');
  });

  it('prefills the endpoint and TLS from the cluster, and tests a password sign-in', async () => {
    const user = userEvent.setup();
    const api = setup();
    const form = screen.getByRole('form', { name: 'Test sign-in' });
    expect(await within(form).findByDisplayValue('clustercfg.orders.abc123.memorydb.eu-west-1.amazonaws.com')).toBeInTheDocument();
    expect(within(form).getByRole('switch', { name: 'TLS' })).toBeChecked();
    const submit = within(form).getByRole('button', { name: 'Test sign-in' });
    expect(submit).toBeDisabled();
    await user.type(within(form).getByLabelText(/Password of app-user/), 'right-password');
    await user.click(submit);
    expect(await within(form).findByRole('status')).toHaveTextContent('Signed in');
    expect(api.testClusterSignIn).toHaveBeenCalledWith({
      cluster: { profile: 'dev', cluster: 'orders', region: 'eu-west-1' },
      host: 'clustercfg.orders.abc123.memorydb.eu-west-1.amazonaws.com',
      port: 6379,
      tls: true,
      user: 'app-user',
      secret: { kind: 'password', password: 'right-password' },
    });
    // The password is not kept once sent.
    expect(within(form).getByLabelText(/Password of app-user/)).toHaveValue('');
  });

  it('explains a refused sign-in, and signs in with an IAM token made in main', async () => {
    const user = userEvent.setup();
    const api = setup();
    const form = screen.getByRole('form', { name: 'Test sign-in' });
    await within(form).findByDisplayValue(/clustercfg/);
    await user.type(within(form).getByLabelText(/Password of app-user/), 'wrong');
    await user.click(within(form).getByRole('button', { name: 'Test sign-in' }));
    const status = await within(form).findByRole('status');
    expect(status).toHaveTextContent('WRONGPASS: sign-in refused');
    expect(status).toHaveTextContent('access string is off');
    await user.click(within(form).getByText('IAM token'));
    expect(within(form).queryByLabelText(/Password of app-user/)).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Test sign-in' }));
    expect(api.testClusterSignIn).toHaveBeenLastCalledWith(
      expect.objectContaining({ cluster: { profile: 'dev', cluster: 'orders', region: 'eu-west-1' }, secret: { kind: 'iam-token' } }),
    );
  });

  it('cannot test without the endpoint AWS reports, and says why', async () => {
    setup({
      getClusterEndpoint: () => ({
        ok: false,
        error: { code: 'aws-error', message: 'memorydb:DescribeClusters orders in eu-west-1 failed: AccessDeniedException' },
      }),
    });
    expect(await screen.findByText(/Endpoint not looked up: memorydb:DescribeClusters orders/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Host/ })).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Test sign-in' })).toBeDisabled();
  });
});
