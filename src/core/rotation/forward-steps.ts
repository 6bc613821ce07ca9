import { readAwsFile } from '../aws-files/read-aws-file';
import { AwsFileWriteError } from '../aws-files/safe-writer';
import type { AccessKey } from './aws-access';
import { classifyAwsError, awsErrorLine, mayHaveExecuted } from './aws-errors';
import { maskKeyId } from './leftovers';
import { deleteKeyVerified } from './reconcile';
import { ask, emit, forgetJournal, gate, journal, keyStatus, leftover, oldKeyWithSecret, retrying, writeKeyInto, type RunContext } from './run-context';
import { assertNever, finished, type MachineState } from './states';
import { waitForKey } from './wait-for-key';

/** The old key with its secret: a forward step only runs when the run has it. */
function signerOld(ctx: RunContext): AccessKey {
  const old = oldKeyWithSecret(ctx);
  if (old === null) throw new Error('the old key’s secret is not available');
  return old;
}

function journalFailed(error: unknown): string {
  return `the journal could not be written (${(error as Error).message})`;
}

/** Deletes the user's inactive second key (after asking), so IAM has room for a new one. */
export async function deleteOtherKey(ctx: RunContext, otherKeyId: string): Promise<MachineState> {
  const { userName } = ctx.facts;
  const yes = await ask(ctx, {
    kind: 'confirm-delete-other-key',
    message: `Delete the inactive key ${maskKeyId(otherKeyId)} of ${userName}? IAM allows two keys per user, so it must go before a new one can be made. Deleting cannot be undone.`,
  });
  if (!yes) return finished('refused', `The inactive key ${maskKeyId(otherKeyId)} was kept, so no new key can be created. Nothing was changed.`);
  try {
    await journal(ctx, 'deleting-other-key', { otherKeyId });
  } catch (error) {
    return finished('failed', `The rotation journal could not be written (${(error as Error).message}); nothing was changed.`);
  }
  await gate(ctx, 'delete-other-key', 'before');
  const deletion = await deleteKeyVerified(ctx, signerOld(ctx), otherKeyId);
  if (!deletion.gone) {
    await forgetJournal(ctx).catch(() => undefined);
    return finished('failed', `IAM did not delete the inactive key ${maskKeyId(otherKeyId)} (${deletion.why}); nothing was changed.`);
  }
  await gate(ctx, 'delete-other-key', 'after');
  ctx.record.preflightKeyIds = ctx.record.preflightKeyIds.filter((id) => id !== otherKeyId);
  return { kind: 'create-key' };
}

/** Asks IAM for the new key, signed with the old one. */
export async function createKey(ctx: RunContext): Promise<MachineState> {
  const { credentialsFile, userName } = ctx.facts;
  // Cheaper to notice an edit now, before IAM is touched, than to roll a new key back later.
  const current = await readAwsFile(credentialsFile).catch(() => null);
  if (current?.hash !== ctx.record.expectedHash) {
    await forgetJournal(ctx).catch(() => undefined);
    return finished(
      'refused',
      `${credentialsFile} changed since it was checked (someone or something else edited it); no key was created. Look at the change, then rotate again.`,
    );
  }
  try {
    await journal(ctx, 'creating-key', { preflightKeyIds: ctx.record.preflightKeyIds });
  } catch (error) {
    await forgetJournal(ctx).catch(() => undefined);
    return finished('failed', `The rotation journal could not be written (${(error as Error).message}); no key was created and the file is unchanged.`);
  }
  await gate(ctx, 'create-key', 'before');
  let created;
  try {
    // Sent once, never retried: a second CreateAccessKey after a lost answer makes a second key.
    created = await ctx.iam.with(signerOld(ctx)).createKey(ctx.deps.signal);
  } catch (error) {
    return { kind: 'roll-back', reason: createFailure(ctx, error), newKey: null };
  }
  const key = created.AccessKey;
  if (!key?.AccessKeyId || !key.SecretAccessKey) {
    ctx.record.unknownKeyPossible = true;
    return { kind: 'roll-back', reason: 'IAM answered CreateAccessKey without a key.', newKey: null };
  }
  const newKey: AccessKey = { id: key.AccessKeyId, secret: key.SecretAccessKey };
  ctx.record.newKeyId = newKey.id;
  await gate(ctx, 'create-key', 'after');
  try {
    await journal(ctx, 'key-created', { newKeyId: newKey.id });
  } catch (error) {
    return { kind: 'roll-back', reason: `the journal could not record the new key (${(error as Error).message})`, newKey };
  }
  emit(ctx, 'creating-key', 'create-key', `Created ${maskKeyId(newKey.id)} for ${userName}.`);
  return { kind: 'write-file', newKey };
}

/**
 * Why the create failed, noting when IAM may have made a key anyway: no answer (network,
 * timeout, 5xx, cancel), or LimitExceeded on this first create after the check — the quota
 * the check saw room in may have been filled by this very call on an earlier, lost attempt.
 * The rollback then reconciles with IAM's listing before saying anything about keys.
 */
function createFailure(ctx: RunContext, error: unknown): string {
  const limit = classifyAwsError(error) === 'limit-exceeded';
  if (limit || mayHaveExecuted(error)) ctx.record.unknownKeyPossible = true;
  if (limit)
    return `IAM refused the new key for the two-key limit (${awsErrorLine(error)}), though the check saw room for one: either someone made a key since, or IAM made one for this rotation and its answer was lost`;
  if (mayHaveExecuted(error)) return `IAM's answer to CreateAccessKey was lost (${awsErrorLine(error)}), so IAM may have made the key`;
  return `IAM refused to create the new key (${awsErrorLine(error)})`;
}

/** Backs the file up and writes the new key into the profile and the sections sharing the old key. */
export async function writeFile(ctx: RunContext, newKey: AccessKey): Promise<MachineState> {
  const { credentialsFile, profile, sharedSections } = ctx.facts;
  try {
    await journal(ctx, 'writing-file');
  } catch (error) {
    return { kind: 'roll-back', reason: journalFailed(error), newKey };
  }
  await gate(ctx, 'write-file', 'before');
  const sections = [profile, ...sharedSections];
  let written;
  try {
    written = await writeKeyInto(ctx, sections, newKey, ctx.record.expectedHash);
  } catch (error) {
    const why =
      error instanceof AwsFileWriteError && error.code === 'changed-on-disk'
        ? `${credentialsFile} changed since it was read (someone or something else edited it); it was not touched`
        : `${credentialsFile} could not be written (${(error as Error).message})`;
    return { kind: 'roll-back', reason: why, newKey };
  }
  ctx.record.backupPath = written.backupPath;
  ctx.record.expectedHash = written.newHash;
  ctx.record.updatedProfiles = sharedSections;
  await gate(ctx, 'write-file', 'after');
  try {
    await journal(ctx, 'file-written', { backupPath: written.backupPath, fileHashAfter: written.newHash });
  } catch (error) {
    return { kind: 'roll-back', reason: journalFailed(error), newKey };
  }
  emit(ctx, 'writing-file', 'write-file', `Wrote ${maskKeyId(newKey.id)} into [${sections.join('], [')}]; the old file is backed up at ${written.backupPath}.`);
  return { kind: 'verify', newKey };
}

/** Waits, with backoff, until the new key answers sts:GetCallerIdentity as the same user. */
export async function verify(ctx: RunContext, newKey: AccessKey): Promise<MachineState> {
  const { userArn, place } = ctx.facts;
  emit(ctx, 'verifying', 'verify', `Checking ${maskKeyId(newKey.id)} with sts:GetCallerIdentity…`);
  const result = await waitForKey({
    clients: ctx.deps.clients,
    place,
    key: newKey,
    expectedArn: userArn,
    backoff: ctx.deps.backoff,
    sleep: ctx.deps.sleep,
    now: () => ctx.deps.host.now().getTime(),
    signal: ctx.deps.signal,
    onRetry: (attempt, reason, delay) =>
      emit(
        ctx,
        'verifying',
        'verify',
        `Attempt ${attempt}: ${reason.replace(/\.+$/, '')}. IAM may still be propagating the key; trying again in ${Math.round(delay / 100) / 10} s.`,
      ),
  });
  if (!result.ok) return { kind: 'roll-back', reason: `the new key did not work: ${result.reason}`, newKey };
  await gate(ctx, 'verify', 'after');
  try {
    await journal(ctx, 'verified');
  } catch (error) {
    return { kind: 'roll-back', reason: journalFailed(error), newKey };
  }
  emit(ctx, 'verifying', 'verify', `${maskKeyId(newKey.id)} works as ${userArn} (after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}).`);
  return { kind: 'deactivate-old', newKey };
}

/** Deactivates the old key, signed with the new one. */
export async function deactivateOld(ctx: RunContext, newKey: AccessKey): Promise<MachineState> {
  const { oldKey } = ctx.facts;
  try {
    await journal(ctx, 'deactivating-old');
  } catch (error) {
    return { kind: 'roll-back', reason: journalFailed(error), newKey };
  }
  await gate(ctx, 'deactivate-old', 'before');
  try {
    // Signed with the NEW key: if IAM accepts it for this, the new key is proven for IAM too.
    await retrying(ctx, () => ctx.iam.with(newKey).setKeyStatus(oldKey.id, 'Inactive', ctx.deps.signal));
  } catch (error) {
    const unsure = mayHaveExecuted(error) || classifyAwsError(error) === 'not-found';
    const status = unsure ? await keyStatus(ctx, newKey, oldKey.id).catch(() => 'unknown') : 'Active';
    if (status === 'missing') {
      ctx.record.oldKeyState = 'deleted';
      await forgetJournal(ctx);
      return finished('rotated', `Rotated: the file holds ${maskKeyId(newKey.id)}; the old key ${maskKeyId(oldKey.id)} is already deleted.`);
    }
    if (status !== 'Inactive') {
      const known = status === 'Active';
      ctx.record.oldKeyState = known ? 'active' : 'unknown';
      leftover(
        ctx,
        oldKey.id,
        status,
        'deactivate',
        known
          ? 'The old key is still active and no longer in the file; deactivate it once nothing else uses it (or finish the rotation from the app).'
          : 'Whether IAM deactivated the old key is not known (its answer was lost and the keys could not be listed); it is no longer in the file: deactivate it once nothing else uses it (or finish the rotation from the app).',
      );
      // Say only what IAM showed: "could not be deactivated" needs a listing with the key still Active.
      const what = known ? 'could not be deactivated' : 'may or may not have been deactivated (IAM’s answer was lost and its keys could not be listed)';
      return finished(
        'failed',
        `The file holds the new key ${maskKeyId(newKey.id)}, which works, but the old key ${maskKeyId(oldKey.id)} ${what}: ${awsErrorLine(error)}.`,
      );
    }
  }
  ctx.record.oldKeyState = 'inactive';
  await gate(ctx, 'deactivate-old', 'after');
  await journal(ctx, 'old-deactivated').catch(() => undefined);
  const signer = ctx.iam.mfa.session !== null ? 'through the MFA session' : 'calling IAM with the new key';
  emit(ctx, 'deactivating-old', 'deactivate-old', `Deactivated the old key ${maskKeyId(oldKey.id)} (${signer}).`);
  return { kind: 'delete-old', newKey };
}

/** Does what the user chose with the old, now inactive key: keep it, schedule its deletion, or delete it now. */
export async function deleteOld(ctx: RunContext, newKey: AccessKey): Promise<MachineState> {
  const { oldKey, userName } = ctx.facts;
  const newMasked = maskKeyId(newKey.id);
  const oldMasked = maskKeyId(oldKey.id);
  switch (ctx.facts.deleteOld) {
    case 'no':
      ctx.record.oldKeyDecision = 'kept';
      await forgetJournal(ctx);
      return finished(
        'rotated',
        `Rotated: the file holds ${newMasked}; the old key ${oldMasked} is inactive. Delete it once you are sure nothing else uses it.`,
      );
    case 'after-grace': {
      const deleteAfter = ctx.record.deleteAfter ?? new Date(ctx.deps.host.now().getTime() + ctx.facts.graceDays * 86_400_000).toISOString();
      ctx.record.deleteAfter = deleteAfter;
      await journal(ctx, 'awaiting-grace', { deleteAfter });
      ctx.record.oldKeyState = 'deletion-scheduled';
      ctx.record.oldKeyDecision = 'scheduled';
      return finished(
        'rotated',
        `Rotated: the file holds ${newMasked}; the old key ${oldMasked} is inactive and will be offered for deletion after ${deleteAfter}.`,
      );
    }
    case 'now':
      break;
    default:
      return assertNever(ctx.facts.deleteOld);
  }
  const yes = await ask(ctx, {
    kind: 'confirm-delete-old-key',
    message: `Delete the old key ${oldMasked} of ${userName} now? It is already inactive; deleting cannot be undone.`,
  });
  if (!yes) {
    ctx.record.oldKeyDecision = 'kept';
    emit(ctx, 'deleting-old', 'delete-old', `Kept the old key ${oldMasked}, inactive: you answered no to deleting it.`);
    await forgetJournal(ctx);
    return finished('rotated', `Rotated: the file holds ${newMasked}; the old key ${oldMasked} is inactive and was kept.`);
  }
  await journal(ctx, 'deleting-old');
  await gate(ctx, 'delete-old', 'before');
  const deletion = await deleteKeyVerified(ctx, newKey, oldKey.id);
  if (!deletion.gone) {
    ctx.record.oldKeyDecision = 'not-deleted';
    leftover(ctx, oldKey.id, 'Inactive', 'delete', 'The old key is inactive but was not deleted as asked.');
    return finished('rotated', `Rotated: the file holds ${newMasked}; the old key ${oldMasked} is inactive but could not be deleted: ${deletion.why}.`);
  }
  ctx.record.oldKeyState = 'deleted';
  ctx.record.oldKeyDecision = 'deleted';
  await gate(ctx, 'delete-old', 'after');
  await forgetJournal(ctx);
  return finished('rotated', `Rotated: the file holds ${newMasked}; the old key ${oldMasked} was deleted.`);
}
