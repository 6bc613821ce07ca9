import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecoverAction, UnfinishedRotation } from '../../shared/model/rotation';
import type { HostEnvironment } from '../host';
import { backupDirFor } from '../aws-files/safe-writer';
import type { AccessKey } from './aws-access';
import { keyInBackup, keyOfSection, readCredentialsFile } from './file-keys';
import { JournalStore, type RotationJournal } from './journal';
import { maskKeyId } from './leftovers';
import { drive, type RotationResult } from './machine';
import type { RotationDeps } from './ports';
import { placeOf } from './preflight';
import { createRunContext, type OldKeyState } from './run-context';
import { finished, type CreatedKey, type MachineState } from './states';

/** True when a scheduled deletion's grace period is over. */
function isDue(journal: RotationJournal, now: Date): boolean {
  return journal.phase === 'awaiting-grace' && journal.deleteAfter !== null && Date.parse(journal.deleteAfter) <= now.getTime();
}

function meanings(journal: RotationJournal): { finish: string; undo: string } {
  const oldMasked = maskKeyId(journal.oldKeyId);
  const newMasked = journal.newKeyId ? maskKeyId(journal.newKeyId) : 'the new key';
  switch (journal.phase) {
    case 'awaiting-grace':
      return { finish: `Delete the old, inactive key ${oldMasked} now.`, undo: `Keep ${oldMasked} (inactive) and stop offering to delete it.` };
    case 'deleting-other-key':
      return { finish: 'Nothing was rotated yet; clear the record and start again.', undo: 'Nothing was rotated yet; clear the record.' };
    default:
      return {
        finish: `If the file already holds ${newMasked}: check it works, deactivate ${oldMasked}, and do what you chose with it. If the file still holds ${oldMasked}, the new key's secret was lost in the crash, so ${newMasked} is deleted instead and you can rotate again.`,
        undo: `Put ${oldMasked} back in the file (re-activating it if needed) and delete ${newMasked}.`,
      };
  }
}

/** Every rotation the journal says did not finish, and scheduled deletions (with whether they are due). */
export async function findUnfinishedRotations(host: HostEnvironment): Promise<UnfinishedRotation[]> {
  const { journals } = await new JournalStore(host.appDataDir).list();
  const now = host.now();
  return journals.map((journal) => {
    const means = meanings(journal);
    return {
      journalId: journal.id,
      profile: journal.profile,
      startedAt: journal.startedAt,
      phase: journal.phase,
      maskedOldKeyId: maskKeyId(journal.oldKeyId),
      maskedNewKeyId: journal.newKeyId ? maskKeyId(journal.newKeyId) : null,
      finishMeans: means.finish,
      undoMeans: means.undo,
      deletionDue: isDue(journal, now),
      deleteAfter: journal.deleteAfter,
    };
  });
}

/** Thrown when the journal names something recovery cannot use; nothing was changed. */
export class RecoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecoveryError';
  }
}

/**
 * Finishes or undoes an interrupted rotation. It decides from the world as it is now — which
 * key the file holds, which keys IAM lists — and the journal only says which keys are ours.
 * A crash before the file write lost the new key's secret (the journal never holds secrets),
 * so from there "finish" can only delete that key; the user rotates again.
 */
export async function recoverRotation(plainDeps: RotationDeps, journalId: string, action: RecoverAction): Promise<RotationResult> {
  const store = new JournalStore(plainDeps.host.appDataDir);
  const journal = await store.read(journalId);
  if (journal === null) throw new RecoveryError(`No unfinished rotation with id ${journalId}.`);
  const info = await plainDeps.resolveProfile(plainDeps.host, journal.profile);
  if (info === null)
    throw new RecoveryError(
      `The profile "${journal.profile}" no longer exists, so its rotation cannot be finished or undone from the app; the journal is at ${store.dir}.`,
    );
  const view = await readCredentialsFile(journal.credentialsFile);
  const fileKey = keyOfSection(view, journal.profile);
  const holdsNew = journal.newKeyId !== null && fileKey?.keyId === journal.newKeyId;
  const newKey: CreatedKey | null = journal.newKeyId === null ? null : { id: journal.newKeyId, secret: holdsNew ? (fileKey?.secret ?? null) : null };
  const finishingDeletion = journal.phase === 'awaiting-grace' && action === 'finish';
  const ctx = createRunContext({
    deps: plainDeps,
    store,
    facts: {
      profile: journal.profile,
      credentialsFile: journal.credentialsFile,
      place: placeOf(info, plainDeps),
      userName: journal.userName,
      userArn: journal.userArn,
      mfaSerial: info.mfaSerial,
      oldKey: await oldKeyForRecovery(journal, fileKey, plainDeps.host.appDataDir),
      sharedSections: journal.sharedProfiles,
      deleteOld: finishingDeletion ? 'now' : journal.deleteOld,
      graceDays: 0,
      startedAt: new Date(journal.startedAt),
    },
    record: {
      journal,
      newKeyId: journal.newKeyId,
      preflightKeyIds: journal.preflightKeyIds,
      expectedHash: view.snapshot.hash,
      unknownKeyPossible: journal.newKeyId === null && journal.history.some((entry) => entry.phase === 'creating-key'),
      deleteAfter: journal.deleteAfter,
      backupPath: journal.backupPath,
      oldKeyState: oldKeyStateFrom(journal),
    },
    mfa: { session: null },
  });
  if (journal.phase === 'awaiting-grace' && action === 'undo') await store.remove(journal.id);
  return drive(ctx, firstState(journal, action, newKey));
}

/** What the journal proves about the old key: active until a deactivation was even attempted. */
function oldKeyStateFrom(journal: RotationJournal): OldKeyState {
  if (['old-deactivated', 'deleting-old', 'awaiting-grace'].includes(journal.phase)) return 'inactive';
  return journal.history.some((entry) => entry.phase === 'deactivating-old') ? 'unknown' : 'active';
}

/** Where recovery starts: the file holding the new key with its secret is the only way forward. */
function firstState(journal: RotationJournal, action: RecoverAction, newKey: CreatedKey | null): MachineState {
  const usable: AccessKey | null = newKey?.secret ? { id: newKey.id, secret: newKey.secret } : null;
  if (journal.phase === 'awaiting-grace') {
    if (action === 'undo') return finished('rotated', `Kept the old key ${maskKeyId(journal.oldKeyId)} (inactive); it will not be offered for deletion again.`);
    if (usable === null)
      return finished(
        'failed',
        `[${journal.profile}] no longer holds the key this rotation wrote, so the old key was not deleted; do it by hand if you are sure.`,
      );
    return { kind: 'delete-old', newKey: usable };
  }
  if (journal.phase === 'deleting-other-key') {
    return { kind: 'roll-back', reason: 'the rotation stopped after the inactive second key was handled and before a new key was made', newKey };
  }
  if (action === 'finish' && usable !== null) return { kind: 'verify', newKey: usable };
  if (action === 'finish')
    return { kind: 'roll-back', reason: "the new key's secret never reached the file, so it can never be used; start a new rotation", newKey };
  return { kind: 'roll-back', reason: 'you chose to undo the interrupted rotation', newKey };
}

/**
 * The old key (with its secret) for recovery: from the file if it still holds it, else from
 * the journaled backup, else from the newest backup that holds it (a crash between the write
 * and the journal line leaves the backup's name unrecorded).
 */
export async function oldKeyForRecovery(
  journal: RotationJournal,
  fileKey: { keyId: string; secret: string | null } | null,
  appDataDir: string,
): Promise<{ id: string; secret: string | null }> {
  if (fileKey?.keyId === journal.oldKeyId) return { id: journal.oldKeyId, secret: fileKey.secret };
  const dir = backupDirFor(appDataDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const candidates = [
    ...(journal.backupPath ? [journal.backupPath] : []),
    ...names
      .filter((name) => name.endsWith('.bak'))
      .sort()
      .reverse()
      .map((name) => join(dir, name)),
  ];
  for (const candidate of candidates) {
    const backed = await keyInBackup(candidate, journal.profile).catch(() => null);
    if (backed?.keyId === journal.oldKeyId && backed.secret) return { id: journal.oldKeyId, secret: backed.secret };
  }
  return { id: journal.oldKeyId, secret: null };
}
