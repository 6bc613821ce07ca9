import { AwsFileWriteError } from '../aws-files/safe-writer';
import type { AccessKey } from './aws-access';
import { awsErrorLine } from './aws-errors';
import { keyOfSection, readCredentialsFile } from './file-keys';
import { maskKeyId } from './leftovers';
import { describeReconciliation, reconcileNewKeys } from './reconcile';
import { emit, forgetJournal, journal, keyStatus, leftover, oldKeyWithSecret, retrying, writeKeyInto, type RunContext } from './run-context';
import { finished, type CreatedKey, type MachineState } from './states';
import { waitForKey } from './wait-for-key';

/**
 * Undo, from whatever the world looks like now (never from the journal alone): the file
 * must end holding the old key, active, and IAM must hold no key the file does not. What
 * cannot be done is listed with its cleanup command, and the journal stays for next time.
 */
export async function rollBack(ctx: RunContext, reason: string, newKey: CreatedKey | null): Promise<MachineState> {
  const { credentialsFile, profile, oldKey } = ctx.facts;
  // A cancel stops the rotation, never its rollback: from here calls ignore the run's signal.
  ctx.deps = { ...ctx.deps, signal: undefined };
  emit(ctx, 'rolling-back', null, `Rolling back: ${reason}.`);
  if (ctx.record.journal !== null) await journal(ctx, 'rolling-back').catch(() => undefined);
  const view = await readCredentialsFile(credentialsFile);
  const held = keyOfSection(view, profile)?.keyId ?? null;
  if (newKey !== null && held === newKey.id) {
    const restored = await restoreOldKey(ctx, newKey);
    if (restored !== null) return restored;
  } else if (held !== oldKey.id) {
    if (newKey !== null)
      leftover(
        ctx,
        newKey.id,
        'Active',
        'delete',
        'The new key is in IAM but the file holds neither key (it was edited meanwhile), so the app did not touch it.',
      );
    // A key whose creating answer was lost is in no file whatever the file holds: it can only go.
    const lost = newKey === null && ctx.record.unknownKeyPossible ? await reconcileNewKeys(ctx, oldKeyWithSecret(ctx), null) : null;
    return finished(
      'failed',
      `Stopped because ${reason}. [${profile}] now holds a key this rotation did not write, so the file was left alone.${lost ? ` ${describeReconciliation(lost)}` : ''}`,
    );
  }
  // Reconcile whenever IAM made, or may have made, a key: the closing words rest on a listing.
  const reconciled = newKey !== null || ctx.record.unknownKeyPossible ? await reconcileNewKeys(ctx, oldKeyWithSecret(ctx), newKey) : null;
  const inIam = reconciled === null ? 'IAM made no new key.' : describeReconciliation(reconciled);
  if (ctx.record.leftovers.length > 0) {
    return finished(
      'failed',
      `Stopped because ${reason}. The file holds the old key ${maskKeyId(oldKey.id)}, which works. ${inIam} What is left in IAM is listed with the command that removes it.`,
    );
  }
  await forgetJournal(ctx).catch(() => undefined);
  ctx.record.oldKeyState = 'active';
  return finished('rolled-back', `Rolled back because ${reason}. The file holds the old key ${maskKeyId(oldKey.id)}, which is active. ${inIam}`);
}

/** The file holds the new key: re-activate the old one if needed, write it back, then let the new one go. Returns a final state when it must stop. */
async function restoreOldKey(ctx: RunContext, created: CreatedKey): Promise<MachineState | null> {
  const { userArn, place, credentialsFile } = ctx.facts;
  const oldKey = oldKeyWithSecret(ctx);
  if (oldKey === null) {
    return finished('failed', `The old key's secret is no longer available (no backup), so the file keeps the new key ${maskKeyId(created.id)}.`);
  }
  if (created.secret === null) return keepNewKey(ctx, created, 'the new key’s secret is not readable from the file, so IAM cannot be asked with it');
  const newKey: AccessKey = { id: created.id, secret: created.secret };
  // Before any deactivation the old key is known to be active: no need to ask IAM (and a
  // new key that failed to verify could not answer anyway).
  let status = 'Active';
  if (ctx.record.oldKeyState !== 'active') {
    try {
      status = await retrying(ctx, () => keyStatus(ctx, newKey, oldKey.id));
    } catch (error) {
      return keepNewKey(ctx, created, `IAM could not be asked about the old key (${awsErrorLine(error)})`);
    }
  }
  if (status === 'missing') {
    ctx.record.oldKeyState = 'deleted';
    await forgetJournal(ctx).catch(() => undefined);
    return finished(
      'rotated',
      `Nothing to undo: the old key ${maskKeyId(oldKey.id)} was already deleted, so the rotation is complete and the file keeps the new key ${maskKeyId(newKey.id)}, which works.`,
    );
  }
  if (status !== 'Active') {
    try {
      await retrying(ctx, () => ctx.iam.with(newKey).setKeyStatus(oldKey.id, 'Active', ctx.deps.signal));
    } catch (error) {
      // The answer may be what was lost: IAM's listing says whether the old key is back.
      const now = await keyStatus(ctx, newKey, oldKey.id).catch(() => 'unknown');
      if (now === 'unknown') ctx.record.oldKeyState = 'unknown';
      if (now !== 'Active') return keepNewKey(ctx, created, `the old key could not be re-activated (${awsErrorLine(error)})`);
    }
    const back = await waitForKey({
      clients: ctx.deps.clients,
      place,
      key: oldKey,
      expectedArn: userArn,
      backoff: ctx.deps.backoff,
      sleep: ctx.deps.sleep,
      now: () => ctx.deps.host.now().getTime(),
    });
    if (!back.ok) return keepNewKey(ctx, created, `the re-activated old key does not work yet (${back.reason})`);
  }
  ctx.record.oldKeyState = 'active';
  if (!(await writeOldKeyBack(ctx, oldKey, newKey.id))) return keepNewKey(ctx, created, `${credentialsFile} could not be written back`);
  return null;
}

function keepNewKey(ctx: RunContext, newKey: CreatedKey, why: string): MachineState {
  const { oldKey } = ctx.facts;
  const state = ctx.record.oldKeyState;
  if (state === 'active') leftover(ctx, oldKey.id, 'Active', 'deactivate', 'The old key is active but no longer in the file.');
  if (state === 'unknown') leftover(ctx, oldKey.id, 'unknown', 'deactivate', 'The old key may be active (IAM could not say) and is no longer in the file.');
  return finished('failed', `Could not undo: ${why}. The file keeps the new key ${maskKeyId(newKey.id)}, which works.`);
}

/** Puts the old key back in every section that holds the new one, through the safe writer. */
async function writeOldKeyBack(ctx: RunContext, oldKey: AccessKey, newKeyId: string): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const view = await readCredentialsFile(ctx.facts.credentialsFile);
    const sections = view.sections.filter((entry) => entry.keyId === newKeyId).map((entry) => entry.section);
    if (sections.length === 0) return true;
    try {
      await writeKeyInto(ctx, sections, oldKey, view.snapshot.hash);
      ctx.record.updatedProfiles = [];
      return true;
    } catch (error) {
      // Another edit raced ours: read again once and re-plan against the new bytes.
      if (!(error instanceof AwsFileWriteError && error.code === 'changed-on-disk') || attempt === 2) return false;
    }
  }
  return false;
}
