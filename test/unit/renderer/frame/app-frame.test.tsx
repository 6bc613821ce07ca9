import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../src/renderer/src/app';
import type { ProfileList } from '../../../../src/shared/model/profile';
import { contractSamples } from '../../../helpers/contract-samples';
import { fakeApi } from '../fake-api';

function renderApp(scheme: 'light' | 'dark' = 'light', list: ProfileList = contractSamples.listProfiles.response) {
  const { api } = fakeApi({ listProfiles: () => ({ ok: true, value: list }) });
  return render(<App api={api} forceColorScheme={scheme} />);
}

function railButtons() {
  return within(screen.getByRole('navigation', { name: 'Wizard steps' })).getAllByRole('button');
}

describe('the app frame', () => {
  it('renders the header, the step rail in wizard order and the first screen', async () => {
    renderApp();
    expect(screen.getByRole('heading', { name: 'MemoryDB Credentials Doctor' })).toBeInTheDocument();
    expect(railButtons().map((button) => button.querySelector('.mantine-NavLink-label')?.textContent)).toEqual([
      'Start',
      'Profiles',
      'Credentials',
      'Key health',
      'Region',
      'Permissions',
      'Renew',
      'Cluster sign-in',
      'Summary',
    ]);
    // Status in words, not colour alone.
    expect(railButtons()[2]).toHaveTextContent('Pending');
    expect(await screen.findByRole('form', { name: 'Diagnose a profile' })).toBeInTheDocument();
  });

  it('moves through the rail with the keyboard and opens a step with Enter', async () => {
    const user = userEvent.setup();
    renderApp();
    const buttons = railButtons();
    buttons[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(buttons[1]).toHaveFocus();
    await user.keyboard('{End}');
    expect(buttons.at(-1)).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(buttons[0]).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}{Enter}');
    expect(screen.getByRole('heading', { level: 2, name: 'Cluster sign-in' })).toBeInTheDocument();
    expect(buttons.at(-2)).toHaveAttribute('aria-current', 'step');
  });

  it.each(['light', 'dark'] as const)('renders in the %s theme', async (scheme) => {
    renderApp(scheme);
    expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', scheme);
    expect(await screen.findByRole('form', { name: 'Diagnose a profile' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `Switch to ${scheme === 'dark' ? 'light' : 'dark'} theme` })).toBeInTheDocument();
  });

  it('shows what went wrong when the profiles cannot be read', async () => {
    const { api } = fakeApi({ listProfiles: () => ({ ok: false, error: { code: 'internal', message: 'EACCES: permission denied' } }) });
    render(<App api={api} forceColorScheme="light" />);
    expect(await screen.findByText('EACCES: permission denied')).toBeInTheDocument();
  });

  it('explains where the files live when there are no profiles at all', async () => {
    renderApp('light', { ...contractSamples.listProfiles.response, profiles: [] });
    expect(await screen.findByText('No AWS profiles on this machine yet')).toBeInTheDocument();
    expect(screen.getByText('/home/u/.aws/credentials')).toBeInTheDocument();
    expect(screen.getByText('mdb-doctor demo')).toBeInTheDocument();
  });

  it('offers the demo from the empty state and lists its profiles once it runs', async () => {
    const user = userEvent.setup();
    const empty = { ...contractSamples.listProfiles.response, profiles: [] };
    let demoOn = false;
    const { api } = fakeApi({
      listProfiles: () => ({ ok: true, value: demoOn ? contractSamples.listProfiles.response : empty }),
      getDemoStatus: () => ({ ok: true, value: { active: false, presets: [] } }),
      startDemo: () => {
        demoOn = true;
        return {
          ok: true,
          value: { active: true, presets: [{ preset: 'good', profile: 'default', description: 'Everything works.', expectedRootCause: null }] },
        };
      },
    });
    render(<App api={api} forceColorScheme="light" />);
    await user.click(await screen.findByRole('button', { name: 'Try the demo' }));
    expect(await screen.findByText('Demo mode')).toBeInTheDocument();
    expect(await screen.findByRole('form', { name: 'Diagnose a profile' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Profile' })).toHaveValue('default — Everything works.');
  });

  it('explains itself when opened outside the app', () => {
    render(<App api={null} forceColorScheme="light" />);
    expect(screen.getByText('Not running inside the app')).toBeInTheDocument();
  });
});
