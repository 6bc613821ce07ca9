import { MantineProvider } from '@mantine/core';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiContext } from '../../../../src/renderer/src/hooks/use-api';
import { RotationScreen } from '../../../../src/renderer/src/rotation/rotation-screen';
import type { DoctorApi } from '../../../../src/shared/ipc/contract';
import type { RotationPlan } from '../../../../src/shared/model/rotation';
import { contractSamples } from '../../../helpers/contract-samples';
import { rotationEvent, rotationOutcome } from '../../../helpers/rotation-events';
import { fakeApi } from '../fake-api';

function renderWith(api: DoctorApi, ui: ReactNode) {
  return render(
    <MantineProvider>
      <ApiContext.Provider value={api}>{ui}</ApiContext.Provider>
    </MantineProvider>,
  );
}

const plan: RotationPlan = {
  ...contractSamples.rotationPreflight.response,
  steps: [
    { step: 'create-key', description: 'Create a new access key for IAM user dev-user.' },
    { step: 'write-file', description: 'Back up the credentials file, then write the new key.' },
    { step: 'verify', description: 'Check the new key with sts:GetCallerIdentity.' },
    { step: 'deactivate-old', description: 'Deactivate the old key, calling IAM with the new key.' },
  ],
};

const outcome = rotationOutcome({
  maskedNewKeyId: 'AKIA…NEW1',
  oldKeyState: 'deleted',
  oldKeyDecision: 'deleted',
  fileHoldsMaskedKeyId: 'AKIA…NEW1',
  backupPath: '/app/backups/credentials.bak',
  message: 'Rotated: the file holds AKIA…NEW1; the old key AKIA…MPLE was deleted.',
});

describe('the rotation screen', () => {
  it('shows the plan before anything happens, then each step, that main asks about the deletion, and the outcome', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      rotationPreflight: () => ({ ok: true, value: plan }),
      findUnfinishedRotation: () => ({ ok: true, value: { rotations: [] } }),
      startRotation: () => ({ ok: true, value: { runId: 'run-1' } }),
      confirmRotation: () => ({ ok: true, value: { accepted: true } }),
    });
    renderWith(fake.api, <RotationScreen profile="dev" onClose={() => undefined} />);
    const steps = await screen.findByRole('list', { name: 'Rotation plan' });
    expect(steps).toHaveTextContent('Deactivate the old key, calling IAM with the new key.');
    expect(fake.api.startRotation).not.toHaveBeenCalled();

    await user.click(screen.getByRole('radio', { name: /Delete it right away/ }));
    await user.click(screen.getByRole('button', { name: 'Rotate the key' }));
    expect(fake.api.startRotation).toHaveBeenCalledWith({ profile: 'dev', deleteOld: 'now' });

    act(() => fake.emit('onRotationEvent', rotationEvent({ state: 'creating-key', step: 'create-key', message: 'Creating a new access key…' })));
    expect(await screen.findByText('Creating a new access key…')).toBeInTheDocument();
    act(() =>
      fake.emit(
        'onRotationEvent',
        rotationEvent({
          state: 'awaiting-confirmation',
          message: 'Delete the old key AKIA…MPLE now?',
          question: { kind: 'confirm-delete-old-key', message: 'Delete the old key AKIA…MPLE now?' },
        }),
      ),
    );
    // The deletion is confirmed in main's own dialog: the page shows it waits, and offers no button to answer.
    const waiting = await screen.findByRole('status', { name: 'Waiting for your answer' });
    expect(waiting).toHaveTextContent('Delete the old key AKIA…MPLE now?');
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(fake.api.confirmRotation).not.toHaveBeenCalled();

    act(() => fake.emit('onRotationEvent', rotationEvent({ state: 'done', message: outcome.message, outcome })));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Key rotated');
    expect(status).toHaveTextContent('New key: AKIA…NEW1');
  });

  it('says the old key was kept, inactive, when the person chose to keep it (not Done)', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      rotationPreflight: () => ({ ok: true, value: plan }),
      findUnfinishedRotation: () => ({ ok: true, value: { rotations: [] } }),
      startRotation: () => ({ ok: true, value: { runId: 'run-1' } }),
    });
    renderWith(fake.api, <RotationScreen profile="dev" onClose={() => undefined} />);
    await user.click(await screen.findByRole('button', { name: 'Rotate the key' }));
    expect(fake.api.startRotation).toHaveBeenCalledWith({ profile: 'dev', deleteOld: 'no' });
    const kept = rotationOutcome({ maskedNewKeyId: 'AKIA…NEW1', oldKeyState: 'inactive', oldKeyDecision: 'kept', message: 'Rotated.' });
    act(() => {
      fake.emit('onRotationEvent', rotationEvent({ state: 'deactivating-old', step: 'deactivate-old', message: 'Deactivated the old key AKIA…MPLE.' }));
      fake.emit(
        'onRotationEvent',
        rotationEvent({ state: 'deleting-old', step: 'delete-old', message: 'Keeping the old key AKIA…MPLE, inactive, as you chose.' }),
      );
      fake.emit('onRotationEvent', rotationEvent({ state: 'done', message: kept.message, outcome: kept }));
    });
    await screen.findByText('Key rotated');
    const row = document.querySelector('[data-step="delete-old"]');
    expect(row).toHaveTextContent('Old key kept, inactive');
    expect(row).toHaveTextContent('Kept');
    expect(row).not.toHaveTextContent('Done');
    expect(row).not.toHaveTextContent('Delete the old key');
    expect(document.querySelector('[data-step="deactivate-old"]')).toHaveTextContent('Done');
  });

  it('asks for an MFA code and sends it', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      rotationPreflight: () => ({ ok: true, value: { ...plan, mfaRequired: true, mfaSerial: 'arn:aws:iam::111122223333:mfa/dev' } }),
      findUnfinishedRotation: () => ({ ok: true, value: { rotations: [] } }),
      startRotation: () => ({ ok: true, value: { runId: 'run-1' } }),
      confirmRotation: () => ({ ok: true, value: { accepted: true } }),
    });
    renderWith(fake.api, <RotationScreen profile="dev" onClose={() => undefined} />);
    expect(await screen.findByText(/IAM asks for MFA/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Rotate the key' }));
    act(() =>
      fake.emit(
        'onRotationEvent',
        rotationEvent({ state: 'awaiting-mfa', message: 'Enter the current code.', question: { kind: 'mfa-code', message: 'Enter the current code.' } }),
      ),
    );
    await screen.findByRole('dialog');
    const continueButton = screen.getByRole('button', { name: 'Continue' });
    expect(continueButton).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'MFA code' }), '12a3456');
    await user.click(continueButton);
    expect(fake.api.confirmRotation).toHaveBeenCalledWith({ runId: 'run-1', answer: true, mfaCode: '123456' });
  });

  it('explains a refusal and offers no start button', async () => {
    const fake = fakeApi({
      rotationPreflight: () => ({
        ok: true,
        value: {
          ...plan,
          ready: false,
          steps: [],
          refusal: { code: 'not-static-keys', message: 'This profile signs in through SSO.', instead: 'Run aws sso login.' },
        },
      }),
      findUnfinishedRotation: () => ({ ok: true, value: { rotations: [] } }),
    });
    renderWith(fake.api, <RotationScreen profile="sso" onClose={() => undefined} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Run aws sso login.');
    expect(screen.queryByRole('button', { name: 'Rotate the key' })).toBeNull();
  });

  it('offers to finish or undo an interrupted rotation, and lists leftovers with their command', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const fake = fakeApi({
      rotationPreflight: () => ({ ok: true, value: plan }),
      findUnfinishedRotation: () => ({
        ok: true,
        value: {
          rotations: [
            {
              journalId: 'j-1',
              profile: 'dev',
              startedAt: '2026-01-01T00:00:00.000Z',
              phase: 'key-created',
              maskedOldKeyId: 'AKIA…MPLE',
              maskedNewKeyId: 'AKIA…NEW1',
              finishMeans: 'Check and finish.',
              undoMeans: 'Put the old key back.',
              deletionDue: false,
              deleteAfter: null,
            },
          ],
        },
      }),
      recoverRotation: () => ({ ok: true, value: { runId: 'run-9' } }),
    });
    renderWith(fake.api, <RotationScreen profile="dev" onClose={onClose} />);
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(fake.api.recoverRotation).toHaveBeenCalledWith({ journalId: 'j-1', action: 'undo' });
    const leftover = {
      maskedKeyId: 'AKIA…NEW1',
      userName: 'dev-user',
      status: 'Active',
      note: 'Nobody holds its secret.',
      command: 'aws iam delete-access-key --access-key-id AKIA…NEW1 --user-name dev-user --profile dev',
    };
    act(() =>
      fake.emit(
        'onRotationEvent',
        rotationEvent({ runId: 'run-9', state: 'failed', outcome: { ...outcome, result: 'failed', leftovers: [leftover], message: 'Stopped.' } }),
      ),
    );
    expect(await screen.findByText(leftover.command)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalled();
  });
});
