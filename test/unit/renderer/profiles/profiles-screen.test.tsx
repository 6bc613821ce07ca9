import { MantineProvider } from '@mantine/core';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiContext } from '../../../../src/renderer/src/hooks/use-api';
import { ProfilesScreen } from '../../../../src/renderer/src/profiles/profiles-screen';
import type { Finding } from '../../../../src/shared/model/finding';
import type { ProfileDetailView, ProfileList } from '../../../../src/shared/model/profile';
import { contractSamples } from '../../../helpers/contract-samples';
import { fakeApi } from '../fake-api';

const quoted: Finding = {
  id: 'value.quoted',
  key: 'value.quoted|default|credentials:3|aws_secret_access_key',
  severity: 'error',
  message: 'The value of aws_secret_access_key is wrapped in quotes; the SDK does not strip them, so the quotes become part of it.',
  location: { file: 'credentials', path: '/home/u/.aws/credentials', line: 3 },
  fixHint: 'Remove the quotes.',
  fix: { kind: 'clean-value', file: 'credentials', section: 'default', key: 'aws_secret_access_key' },
  profile: 'default',
};

const list: ProfileList = {
  ...contractSamples.listProfiles.response,
  defaultProfile: 'default',
  profiles: [
    { ...contractSamples.listProfiles.response.profiles[0]!, isDefault: false, shadowedBy: 'AWS_ACCESS_KEY_ID', findingCount: 1, worstSeverity: 'error' },
    {
      name: 'dev',
      kind: 'sso',
      region: null,
      regionSource: null,
      maskedKeyId: null,
      hasSessionToken: false,
      isDefault: false,
      findingCount: 0,
      worstSeverity: null,
      shadowedBy: null,
    },
  ],
  environment: {
    ...contractSamples.listProfiles.response.environment,
    hasAccessKeyId: true,
    hasSecretAccessKey: true,
    maskedKeyId: 'AKIA…WXYZ',
    credentialsWin: true,
  },
};

const detail: ProfileDetailView = {
  ...contractSamples.getProfile.response,
  summary: list.profiles[0]!,
  findings: [quoted],
  lines: [
    { file: 'credentials', path: '/home/u/.aws/credentials', line: 1, text: '[default]' },
    { file: 'credentials', path: '/home/u/.aws/credentials', line: 3, text: 'aws_secret_access_key = •••• (42 characters)' },
  ],
};

function renderScreen(overrides: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi({
    listProfiles: () => ({ ok: true, value: list }),
    getProfile: () => ({ ok: true, value: detail }),
    previewProfileFix: () => ({
      ok: true,
      value: {
        file: 'credentials',
        path: '/home/u/.aws/credentials',
        expectedHash: 'h'.repeat(64),
        summary: 'Remove quotes from aws_secret_access_key in [default].',
        diff: [
          {
            kind: 'replace',
            oldLine: 3,
            newLine: 3,
            before: 'aws_secret_access_key = •••• (42 characters)',
            after: 'aws_secret_access_key = •••• (40 characters)',
          },
        ],
      },
    }),
    applyProfileFix: () => ({
      ok: true,
      value: { ...contractSamples.applyProfileFix.response, path: '/home/u/.aws/credentials', backupPath: '/backups/credentials.bak' },
    }),
    ...overrides,
  });
  render(
    <MantineProvider>
      <ApiContext.Provider value={fake.api}>
        <ProfilesScreen />
      </ApiContext.Provider>
    </MantineProvider>,
  );
  return fake;
}

describe('ProfilesScreen', () => {
  it('lists profiles with kind, region, masked key id and findings, and calls out environment shadowing', async () => {
    renderScreen();
    const table = await screen.findByRole('table', { name: 'AWS profiles' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('default');
    expect(rows[1]).toHaveTextContent('IAM user keys');
    expect(rows[1]).toHaveTextContent('AKIA…MPLE');
    expect(rows[1]).toHaveTextContent('Overridden by AWS_ACCESS_KEY_ID');
    expect(rows[1]).toHaveTextContent('1 finding · worst: error');
    expect(rows[2]).toHaveTextContent('SSO / Identity Center');
    expect(rows[2]).toHaveTextContent('No findings');
    expect(screen.getByRole('note')).toHaveTextContent('AWS_ACCESS_KEY_ID (AKIA…WXYZ) is set and AWS_PROFILE is not');
  });

  it('opens a profile, shows its findings and masked lines, previews the fix and applies it with the previewed hash', async () => {
    const user = userEvent.setup();
    const { api } = renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Open profile default' }));
    expect(await screen.findByText(quoted.message)).toBeInTheDocument();
    expect(screen.getByText(/At \/home\/u\/\.aws\/credentials:3/)).toBeInTheDocument();
    expect(screen.getByLabelText('Lines from the credentials file')).toHaveTextContent('aws_secret_access_key = •••• (42 characters)');
    await user.click(screen.getByRole('button', { name: 'Preview fix' }));
    const preview = await screen.findByLabelText('Fix preview');
    expect(preview).toHaveTextContent('(40 characters)');
    await user.click(within(preview).getByRole('button', { name: 'Apply to credentials file' }));
    expect(api.applyProfileFix).toHaveBeenCalledWith({ profile: 'default', findingKey: quoted.key, expectedHash: 'h'.repeat(64) });
    expect(await screen.findByRole('status')).toHaveTextContent('previous version is in /backups/credentials.bak');
  });

  it('shows a refused fix as an error and re-reads the list when the files change', async () => {
    const user = userEvent.setup();
    const fake = renderScreen({ previewProfileFix: () => ({ ok: false, error: { code: 'conflict', message: 'The file changed; reload.' } }) });
    await user.click(await screen.findByRole('button', { name: 'Open profile default' }));
    await user.click(await screen.findByRole('button', { name: 'Preview fix' }));
    expect(await screen.findByText('The file changed; reload.')).toHaveAttribute('role', 'alert');
    const calls = (fake.api.listProfiles as unknown as { mock: { calls: unknown[] } }).mock.calls.length;
    act(() => fake.emit('onProfilesChanged', { changedAt: '2026-06-01T00:00:00Z', paths: ['/home/u/.aws/config'] }));
    await expect.poll(() => (fake.api.listProfiles as unknown as { mock: { calls: unknown[] } }).mock.calls.length).toBeGreaterThan(calls);
  });

  it('offers the owner-only fix of a credentials file other users can read in the files’ list, and applies it without a profile', async () => {
    const user = userEvent.setup();
    const readable: Finding = {
      id: 'file.permissions',
      key: 'file.permissions||credentials:0|',
      severity: 'warning',
      message: 'The credentials file holds secrets and its mode is 644, so other users on this machine can read it.',
      location: { file: 'credentials', path: '/home/u/.aws/credentials', line: null },
      fixHint: 'Run: chmod 600 /home/u/.aws/credentials',
      fix: { kind: 'owner-only', file: 'credentials' },
      profile: null,
    };
    const { api } = renderScreen({
      listProfiles: () => ({ ok: true, value: { ...list, findings: [readable] } }),
      previewProfileFix: () => ({
        ok: true,
        value: {
          file: 'credentials',
          path: '/home/u/.aws/credentials',
          expectedHash: 'm'.repeat(64),
          summary: 'Make /home/u/.aws/credentials readable and writable by you only: mode 644 → 600. Its text stays as it is.',
          diff: [],
        },
      }),
    });
    expect(await screen.findByText(readable.message)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Preview fix' }));
    expect(await screen.findByLabelText('Fix preview')).toHaveTextContent('mode 644 → 600');
    expect(api.previewProfileFix).toHaveBeenCalledWith({ findingKey: readable.key });
    await user.click(screen.getByRole('button', { name: 'Apply to credentials file' }));
    expect(api.applyProfileFix).toHaveBeenCalledWith({ findingKey: readable.key, expectedHash: 'm'.repeat(64) });
  });

  it('says so when the list cannot be read', async () => {
    renderScreen({ listProfiles: () => ({ ok: false, error: { code: 'internal', message: 'EACCES: permission denied' } }) });
    expect(await screen.findByText('EACCES: permission denied')).toBeInTheDocument();
  });
});
