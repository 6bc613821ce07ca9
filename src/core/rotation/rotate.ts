import type { DeleteOldChoice, OtherKeyAction, RotationOutcome } from '../../shared/model/rotation';
import { drive, type RotationResult } from './machine';
import { JournalStore } from './journal';
import { maskKeyId } from './leftovers';
import type { RotationDeps } from './ports';
import { preflight } from './preflight';
import { createRunContext, withMfaEvents, type RunContext } from './run-context';

/** What the user asked for when starting a rotation. */
export interface RotationRequest {
  profile: string;
  deleteOld: DeleteOldChoice;
  /** Required when the user already has a second (inactive) key: delete it, or stop. */
  otherKeyAction?: OtherKeyAction;
  /** Days to wait before offering to delete the old key, for `deleteOld: 'after-grace'`. */
  graceDays?: number;
  /** Write the new key into the other sections that hold the same old key too (default: yes). */
  updateSharedProfiles?: boolean;
}

function refused(profile: string, message: string): RotationResult {
  const outcome: RotationOutcome = {
    result: 'refused',
    maskedNewKeyId: null,
    maskedOldKeyId: null,
    oldKeyState: null,
    oldKeyDecision: null,
    fileHoldsMaskedKeyId: null,
    backupPath: null,
    deleteAfter: null,
    leftovers: [],
    updatedProfiles: [],
    message: message.replace('<profile>', profile),
  };
  return { outcome, cleanupCommands: [] };
}

/**
 * Rotates the profile's IAM user key (docs/rotation.md): preflight, optional deletion of an
 * inactive second key, create, journal, back up and write, verify, deactivate the old key
 * with the new one, optional delete. Every failure ends with the file holding a working key;
 * whatever is left in IAM is named in the outcome with its cleanup command.
 */
export async function runRotation(plainDeps: RotationDeps, request: RotationRequest): Promise<RotationResult> {
  let ctx: RunContext | null = null;
  let preflightOldKey: string | null = null;
  // Preflight's IAM access is reused by the run, so its MFA events name the new key once there is one.
  const deps = withMfaEvents(plainDeps, () => ({ old: preflightOldKey, new: ctx?.record.newKeyId ?? null }));
  deps.emit({ state: 'preflight', step: 'preflight', message: `Checking ${request.profile}…`, maskedOldKeyId: null, maskedNewKeyId: null, question: null });
  const checked = await preflight(deps, request.profile, { askMfa: true });
  const ready = checked.ready;
  preflightOldKey = ready?.oldKey.id ?? null;
  if (ready === null) {
    const refusal = checked.plan.refusal;
    const message = refusal ? `${refusal.message} ${refusal.instead}` : 'The profile cannot be rotated.';
    return refused(request.profile, message);
  }
  if (ready.otherKey && request.otherKeyAction !== 'delete') {
    const message = `${ready.userName} already has a second, inactive key (${maskKeyId(ready.otherKey.id)}); IAM allows two. Choose to delete it (the plan's checkbox, or --delete-other-key), or delete it yourself, then rotate again. Nothing was changed.`;
    return refused(request.profile, message);
  }
  ctx = createRunContext({
    deps: plainDeps,
    store: new JournalStore(deps.host.appDataDir),
    facts: {
      profile: request.profile,
      credentialsFile: ready.info.credentialsFile,
      place: ready.place,
      userName: ready.userName,
      userArn: ready.userArn,
      mfaSerial: ready.mfaSerial,
      oldKey: ready.oldKey,
      sharedSections: request.updateSharedProfiles === false ? [] : ready.sharedSections,
      deleteOld: request.deleteOld,
      graceDays: request.graceDays ?? 7,
      startedAt: deps.host.now(),
    },
    record: {
      journal: null,
      newKeyId: null,
      preflightKeyIds: ready.keys.map((key) => key.id),
      expectedHash: ready.snapshot.hash,
      unknownKeyPossible: false,
      deleteAfter: null,
      backupPath: null,
      oldKeyState: 'active',
    },
    mfa: ready.mfa,
    accesses: [ready.iam],
  });
  return drive(ctx, ready.otherKey ? { kind: 'delete-other-key', otherKeyId: ready.otherKey.id } : { kind: 'create-key' });
}
