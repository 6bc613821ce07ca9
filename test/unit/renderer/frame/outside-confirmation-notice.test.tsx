import { MantineProvider } from '@mantine/core';
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OutsideConfirmationNotice } from '../../../../src/renderer/src/frame/outside-confirmation-notice';
import { ApiContext } from '../../../../src/renderer/src/hooks/use-api';
import { fakeApi } from '../fake-api';

function renderNotice() {
  const fake = fakeApi();
  render(
    <MantineProvider>
      <ApiContext.Provider value={fake.api}>
        <OutsideConfirmationNotice />
      </ApiContext.Provider>
    </MantineProvider>,
  );
  return fake;
}

const name = 'Confirm in the terminal where mdb-doctor ui runs';

describe('the notice of a question asked in the terminal', () => {
  it('says where to answer while the question waits, offers no way to answer it, and goes once it is answered', () => {
    const fake = renderNotice();
    expect(screen.queryByRole('status', { name })).toBeNull();
    act(() =>
      fake.emit('onConfirmationNotice', {
        state: 'waiting',
        id: 'q-1',
        title: 'Show the IAM token?',
        message: 'Show the whole sign-in token for user app-user?',
      }),
    );
    const notice = screen.getByRole('status', { name });
    expect(notice).toHaveTextContent('Confirm in the terminal where mdb-doctor ui runs');
    expect(notice).toHaveTextContent('Show the IAM token?');
    expect(notice).toHaveTextContent('Show the whole sign-in token for user app-user?');
    expect(within(notice).queryAllByRole('button')).toEqual([]);
    act(() => fake.emit('onConfirmationNotice', { state: 'answered', id: 'q-1' }));
    expect(screen.queryByRole('status', { name })).toBeNull();
  });

  it('keeps a second question that still waits when the first is answered', () => {
    const fake = renderNotice();
    act(() => {
      fake.emit('onConfirmationNotice', { state: 'waiting', id: 'q-1', title: 'Rotate the access key of profile dev?', message: 'Create a new key.' });
      fake.emit('onConfirmationNotice', { state: 'waiting', id: 'q-2', title: 'Delete the old key?', message: 'Delete AKIA…MPLE now?' });
      fake.emit('onConfirmationNotice', { state: 'answered', id: 'q-1' });
    });
    const notices = screen.getAllByRole('status', { name });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toHaveTextContent('Delete the old key?');
  });
});
