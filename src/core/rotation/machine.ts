import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateAccessKeyCommand, DeleteAccessKeyCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import type { DeleteOldChoice, RotationOutcome, RotationQuestion, RotationStateKind, RotationStep } from '../../shared/model/rotation';
import { readAwsFile } from '../aws-files/read-aws-file';
import { AwsFileWriteError, backupDirFor } from '../aws-files/safe-writer';
import { IamAccess, MfaUnavailableError, type AccessKey, type AwsPlace, type MfaSessionBox } from './aws-access';
import { classifyAwsError, describeAwsError, isWorthRetrying, mayHaveExecuted } from './aws-errors';
import { keyInBackup, keyOfSection, readCredentialsFile } from './file-keys';
import { JournalStore, newJournalId, type JournalPhase, type RotationJournal } from './journal';
import { leftoverCommand, maskKeyId, toSharedLeftover, type Leftover } from './leftovers';
import type { RotationDeps } from './ports';
import { listKeys, type KeyInfo } from './preflight';
import { waitForKey } from './wait-for-key';

/**
 * The rotation as a tagged union of states (STYLE habit 5). Each state names the next step;
 * `advance` runs it and returns the state after it. The live run and the recovery of an
 * interrupted run drive the same states, so "finish" is literally the rest of a rotation
 * and "undo" is literally its rollback.
 */
export type MachineState =
  | { kind: 'delete-other-key'; otherKeyId: string }
  | { kind: 'create-key' }
  | { kind: 'write-file' }
  | { kind: 'verify' }
  | { kind: 'deactivate-old' }
  | { kind: 'delete-old' }
  | { kind: 'roll-back'; reason: string }
  | { kind: 'finished'; result: RotationOutcome['result']; message: string };

/** What a run or a recovery hands back: the shareable outcome and, for a terminal only, whole commands. */
export interface RotationResult {
  outcome: RotationOutcome;
  /** Cleanup commands with whole key ids, for the CLI; never sent over IPC (the outcome has masked ones). */
  cleanupCommands: string[];
}

type OldKeyState = NonNullable<RotationOutcome['oldKeyState']>;

/** Everything the states share. Secrets sit in memory here and nowhere else. */
export interface RunContext {
  deps: RotationDeps;
  store: JournalStore;
  journal: RotationJournal | null;
  profile: string;
  credentialsFile: string;
  allowedPaths: string[];
  place: AwsPlace;
  userName: string;
  userArn: string;
  mfaSerial: string | null;
  oldKey: { id: string; secret: string | null };
  newKey: AccessKey | null;
  newKeyId: string | null;
  preflightKeyIds: string[];
  sharedSections: string[];
  /** Hash of the file as preflight (or recovery) read it; the write is refused if it moved on. */
  expectedHash: string;
  /** The create call may have made a key whose id we never saw. */
  unknownKeyPossible: boolean;
  deleteOld: DeleteOldChoice;
  graceDays: number;
  deleteAfter: string | null;
  backupPath: string | null;
  oldKeyState: OldKeyState;
  updatedProfiles: string[];
  leftovers: Leftover[];
  startedAt: Date;
  accesses: Map<string, IamAccess>;
  /** The run's MFA session, shared by both keys' IAM calls. */
  mfa: MfaSessionBox;
}

/** Never returns: the compiler proves every state is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled rotation state: ${JSON.stringify(value)}`);
}

const stateKinds: Record<Exclude<MachineState['kind'], 'finished'>, { state: RotationStateKind; step: RotationStep | null }> = {
  'delete-other-key': { state: 'deleting-other-key', step: 'delete-other-key' },
  'create-key': { state: 'creating-key', step: 'create-key' },
  'write-file': { state: 'writing-file', step: 'write-file' },
  verify: { state: 'verifying', step: 'verify' },
  'deactivate-old': { state: 'deactivating-old', step: 'deactivate-old' },
  'delete-old': { state: 'deleting-old', step: 'delete-old' },
  'roll-back': { state: 'rolling-back', step: null },
};

function emit(ctx: RunContext, state: RotationStateKind, step: RotationStep | null, message: string, question: RotationQuestion | null = null): void {
  ctx.deps.emit({
    state,
    step,
    message,
    maskedOldKeyId: maskKeyId(ctx.oldKey.id),
    maskedNewKeyId: ctx.newKeyId ? maskKeyId(ctx.newKeyId) : null,
    question,
  });
}

async function ask(ctx: RunContext, question: RotationQuestion): Promise<boolean> {
  emit(ctx, 'awaiting-confirmation', null, question.message, question);
  if (ctx.deps.signal?.aborted) return false;
  return ctx.deps.prompts.confirm(question);
}

/** IAM access signed by `key` (cached, so one MFA session serves every call with that key). */
function iamWith(ctx: RunContext, key: AccessKey): IamAccess {
  let access = ctx.accesses.get(key.id);
  if (!access) {
    access = new IamAccess(ctx.deps.clients, ctx.place, key, ctx.userName, ctx.deps.prompts.mfaCode, ctx.mfaSerial, ctx.mfa);
    ctx.accesses.set(key.id, access);
  }
  return access;
}

/** The deps with an MFA prompt that first tells the renderer a code is awaited. */
export function withMfaEvents(deps: RotationDeps, keys: () => { old: string | null; new: string | null }): RotationDeps {
  const prompt = deps.prompts.mfaCode;
  return {
    ...deps,
    prompts: {
      confirm: deps.prompts.confirm,
      mfaCode: async (request) => {
        const { old, new: fresh } = keys();
        deps.emit({
          state: 'awaiting-mfa',
          step: null,
          message: request.message,
          maskedOldKeyId: old ? maskKeyId(old) : null,
          maskedNewKeyId: fresh ? maskKeyId(fresh) : null,
          question: { kind: 'mfa-code', message: request.message },
        });
        return prompt(request);
      },
    },
  };
}

function oldKeyWithSecret(ctx: RunContext): AccessKey | null {
  return ctx.oldKey.secret === null ? null : { id: ctx.oldKey.id, secret: ctx.oldKey.secret };
}

/** Records a phase BEFORE the step it names (or after one that succeeded); creates the journal on first use. */
async function record(ctx: RunContext, phase: JournalPhase, changes: Partial<RotationJournal> = {}): Promise<void> {
  const now = ctx.deps.host.now();
  if (ctx.journal === null) {
    const at = now.toISOString();
    const journal: RotationJournal = {
      version: 1,
      id: newJournalId(now),
      profile: ctx.profile,
      credentialsFile: ctx.credentialsFile,
      userName: ctx.userName,
      userArn: ctx.userArn,
      oldKeyId: ctx.oldKey.id,
      preflightKeyIds: ctx.preflightKeyIds,
      otherKeyId: null,
      newKeyId: ctx.newKeyId,
      sharedProfiles: ctx.sharedSections,
      deleteOld: ctx.deleteOld,
      deleteAfter: ctx.deleteAfter,
      fileHashBefore: ctx.expectedHash,
      fileHashAfter: null,
      backupPath: ctx.backupPath,
      phase,
      history: [{ phase, at }],
      startedAt: ctx.startedAt.toISOString(),
      updatedAt: at,
      ...changes,
    };
    await ctx.store.write(journal);
    ctx.journal = journal;
    return;
  }
  ctx.journal = await ctx.store.advance(ctx.journal, phase, now, changes);
}

async function forgetJournal(ctx: RunContext): Promise<void> {
  if (ctx.journal === null) return;
  await ctx.store.remove(ctx.journal.id);
  ctx.journal = null;
}

async function gate(ctx: RunContext, step: RotationStep, moment: 'before' | 'after'): Promise<void> {
  await ctx.deps.gate?.({ step, moment });
}

/**
 * Repeats an idempotent IAM call while the failure could pass (a just-created key IAM has
 * not propagated yet, throttling, 5xx, a lost answer), within the same bounded backoff as
 * the verify step. aws-vault does the same for its delete (20 s, AWS-FACTS §4).
 */
async function retrying<T>(ctx: RunContext, call: () => Promise<T>): Promise<T> {
  const { backoff, sleep, host, signal } = ctx.deps;
  const started = host.now().getTime();
  let delay = backoff.initialDelayMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (error instanceof MfaUnavailableError || !isWorthRetrying(error) || signal?.aborted) throw error;
      if (host.now().getTime() - started + delay > backoff.maxWaitMs) throw error;
      await sleep(delay, signal).catch(() => undefined);
      delay = Math.min(delay * 2, backoff.maxDelayMs);
    }
  }
}

async function keyStatus(ctx: RunContext, caller: AccessKey, keyId: string): Promise<string | 'missing'> {
  const keys = await listKeys(iamWith(ctx, caller), ctx.userName, ctx.deps.signal);
  return keys.find((key) => key.id === keyId)?.status ?? 'missing';
}

function leftover(ctx: RunContext, keyId: string | null, status: string, action: Leftover['action'], note: string): void {
  ctx.leftovers.push({ keyId, userName: ctx.userName, profile: ctx.profile, status, action, note });
}

// --- the steps -------------------------------------------------------------------------

async function deleteOtherKey(ctx: RunContext, otherKeyId: string): Promise<MachineState> {
  const yes = await ask(ctx, {
    kind: 'confirm-delete-other-key',
    message: `Delete the inactive key ${maskKeyId(otherKeyId)} of ${ctx.userName}? IAM allows two keys per user, so it must go before a new one can be made. Deleting cannot be undone.`,
  });
  if (!yes)
    return {
      kind: 'finished',
      result: 'refused',
      message: `The inactive key ${maskKeyId(otherKeyId)} was kept, so no new key can be created. Nothing was changed.`,
    };
  try {
    await record(ctx, 'deleting-other-key', { otherKeyId });
  } catch (error) {
    return { kind: 'finished', result: 'failed', message: `The rotation journal could not be written (${(error as Error).message}); nothing was changed.` };
  }
  await gate(ctx, 'delete-other-key', 'before');
  const old = oldKeyWithSecret(ctx)!;
  try {
    await retrying(ctx, () =>
      iamWith(ctx, old).call((iam) =>
        iam.send(new DeleteAccessKeyCommand({ UserName: ctx.userName, AccessKeyId: otherKeyId }), { abortSignal: ctx.deps.signal }),
      ),
    );
  } catch (error) {
    const gone =
      classifyAwsError(error) === 'no-such-entity' || (mayHaveExecuted(error) && (await keyStatus(ctx, old, otherKeyId).catch(() => 'unknown')) === 'missing');
    if (!gone) {
      await forgetJournal(ctx).catch(() => undefined);
      return {
        kind: 'finished',
        result: 'failed',
        message: `IAM did not delete the inactive key ${maskKeyId(otherKeyId)} (${describeAwsError(error)}); nothing was changed.`,
      };
    }
  }
  await gate(ctx, 'delete-other-key', 'after');
  ctx.preflightKeyIds = ctx.preflightKeyIds.filter((id) => id !== otherKeyId);
  return { kind: 'create-key' };
}

async function createKey(ctx: RunContext): Promise<MachineState> {
  // Cheaper to notice an edit now, before IAM is touched, than to roll a new key back later.
  const current = await readAwsFile(ctx.credentialsFile).catch(() => null);
  if (current?.hash !== ctx.expectedHash) {
    await forgetJournal(ctx).catch(() => undefined);
    return {
      kind: 'finished',
      result: 'refused',
      message: `${ctx.credentialsFile} changed since it was checked (someone or something else edited it); no key was created. Look at the change, then rotate again.`,
    };
  }
  try {
    await record(ctx, 'creating-key', { preflightKeyIds: ctx.preflightKeyIds });
  } catch (error) {
    await forgetJournal(ctx).catch(() => undefined);
    return {
      kind: 'finished',
      result: 'failed',
      message: `The rotation journal could not be written (${(error as Error).message}); no key was created and the file is unchanged.`,
    };
  }
  await gate(ctx, 'create-key', 'before');
  const old = oldKeyWithSecret(ctx)!;
  let created;
  try {
    // Not retried: a second CreateAccessKey after a lost answer would make a second key.
    created = await iamWith(ctx, old).call((iam) => iam.send(new CreateAccessKeyCommand({ UserName: ctx.userName }), { abortSignal: ctx.deps.signal }));
  } catch (error) {
    if (mayHaveExecuted(error)) ctx.unknownKeyPossible = true;
    const limit = classifyAwsError(error) === 'limit-exceeded' ? ' (someone made another key since the check)' : '';
    return { kind: 'roll-back', reason: `IAM did not create the new key${limit}: ${describeAwsError(error)}` };
  }
  const key = created.AccessKey;
  if (!key?.AccessKeyId || !key.SecretAccessKey) {
    ctx.unknownKeyPossible = true;
    return { kind: 'roll-back', reason: 'IAM answered CreateAccessKey without a key.' };
  }
  ctx.newKey = { id: key.AccessKeyId, secret: key.SecretAccessKey };
  ctx.newKeyId = key.AccessKeyId;
  await gate(ctx, 'create-key', 'after');
  try {
    await record(ctx, 'key-created', { newKeyId: ctx.newKeyId });
  } catch (error) {
    return { kind: 'roll-back', reason: `the journal could not record the new key (${(error as Error).message})` };
  }
  emit(ctx, 'creating-key', 'create-key', `Created ${maskKeyId(ctx.newKeyId)} for ${ctx.userName}.`);
  return { kind: 'write-file' };
}

/** Writes `key` into `sections` through the safe writer, refusing if the file is not at `expectedHash`. */
function writeKeyInto(ctx: RunContext, sections: readonly string[], key: AccessKey, expectedHash: string) {
  return ctx.deps.writer({
    path: ctx.credentialsFile,
    expectedHash,
    edits: sections.flatMap((section) => [
      { section, key: 'aws_access_key_id', value: key.id },
      { section, key: 'aws_secret_access_key', value: key.secret },
    ]),
    allowedPaths: ctx.allowedPaths,
    backupDir: backupDirFor(ctx.deps.host.appDataDir),
    now: () => ctx.deps.host.now(),
  });
}

async function writeFile(ctx: RunContext): Promise<MachineState> {
  const key = ctx.newKey!;
  try {
    await record(ctx, 'writing-file');
  } catch (error) {
    return { kind: 'roll-back', reason: `the journal could not be written (${(error as Error).message})` };
  }
  await gate(ctx, 'write-file', 'before');
  const sections = [ctx.profile, ...ctx.sharedSections];
  let written;
  try {
    written = await writeKeyInto(ctx, sections, key, ctx.expectedHash);
  } catch (error) {
    const why =
      error instanceof AwsFileWriteError && error.code === 'changed-on-disk'
        ? `${ctx.credentialsFile} changed since it was read (someone or something else edited it); it was not touched`
        : `${ctx.credentialsFile} could not be written (${(error as Error).message})`;
    return { kind: 'roll-back', reason: why };
  }
  ctx.backupPath = written.backupPath;
  ctx.expectedHash = written.newHash;
  ctx.updatedProfiles = ctx.sharedSections;
  await gate(ctx, 'write-file', 'after');
  try {
    await record(ctx, 'file-written', { backupPath: written.backupPath, fileHashAfter: written.newHash });
  } catch (error) {
    return { kind: 'roll-back', reason: `the journal could not be written (${(error as Error).message})` };
  }
  emit(ctx, 'writing-file', 'write-file', `Wrote ${maskKeyId(key.id)} into [${sections.join('], [')}]; the old file is backed up at ${written.backupPath}.`);
  return { kind: 'verify' };
}

async function verify(ctx: RunContext): Promise<MachineState> {
  const key = ctx.newKey!;
  emit(ctx, 'verifying', 'verify', `Checking ${maskKeyId(key.id)} with sts:GetCallerIdentity…`);
  const result = await waitForKey({
    clients: ctx.deps.clients,
    place: ctx.place,
    key,
    expectedArn: ctx.userArn,
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
  if (!result.ok) return { kind: 'roll-back', reason: `the new key did not work: ${result.reason}` };
  await gate(ctx, 'verify', 'after');
  try {
    await record(ctx, 'verified');
  } catch (error) {
    return { kind: 'roll-back', reason: `the journal could not be written (${(error as Error).message})` };
  }
  emit(ctx, 'verifying', 'verify', `${maskKeyId(key.id)} works as ${ctx.userArn} (after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}).`);
  return { kind: 'deactivate-old' };
}

async function deactivateOld(ctx: RunContext): Promise<MachineState> {
  const key = ctx.newKey!;
  try {
    await record(ctx, 'deactivating-old');
  } catch (error) {
    return { kind: 'roll-back', reason: `the journal could not be written (${(error as Error).message})` };
  }
  await gate(ctx, 'deactivate-old', 'before');
  try {
    // Signed with the NEW key: if IAM accepts it for this, the new key is proven for IAM too.
    await retrying(ctx, () =>
      iamWith(ctx, key).call((iam) =>
        iam.send(new UpdateAccessKeyCommand({ UserName: ctx.userName, AccessKeyId: ctx.oldKey.id, Status: 'Inactive' }), { abortSignal: ctx.deps.signal }),
      ),
    );
  } catch (error) {
    const unsure = mayHaveExecuted(error) || classifyAwsError(error) === 'no-such-entity';
    const status = unsure ? await keyStatus(ctx, key, ctx.oldKey.id).catch(() => 'unknown') : 'Active';
    if (status === 'missing') {
      ctx.oldKeyState = 'deleted';
      await forgetJournal(ctx);
      return {
        kind: 'finished',
        result: 'rotated',
        message: `Rotated: the file holds ${maskKeyId(key.id)}; the old key ${maskKeyId(ctx.oldKey.id)} is already deleted.`,
      };
    }
    if (status !== 'Inactive') {
      ctx.oldKeyState = status === 'Active' ? 'active' : 'unknown';
      leftover(
        ctx,
        ctx.oldKey.id,
        status,
        'deactivate',
        'The old key is still active and no longer in the file; deactivate it once nothing else uses it (or finish the rotation from the app).',
      );
      return {
        kind: 'finished',
        result: 'failed',
        message: `The file holds the new key ${maskKeyId(key.id)}, which works, but the old key ${maskKeyId(ctx.oldKey.id)} could not be deactivated: ${describeAwsError(error)}.`,
      };
    }
  }
  ctx.oldKeyState = 'inactive';
  await gate(ctx, 'deactivate-old', 'after');
  await record(ctx, 'old-deactivated').catch(() => undefined);
  const signer = ctx.mfa.session !== null ? 'through the MFA session' : 'calling IAM with the new key';
  emit(ctx, 'deactivating-old', 'deactivate-old', `Deactivated the old key ${maskKeyId(ctx.oldKey.id)} (${signer}).`);
  return { kind: 'delete-old' };
}

async function deleteOld(ctx: RunContext): Promise<MachineState> {
  const newMasked = maskKeyId(ctx.newKey!.id);
  const oldMasked = maskKeyId(ctx.oldKey.id);
  switch (ctx.deleteOld) {
    case 'no':
      await forgetJournal(ctx);
      return {
        kind: 'finished',
        result: 'rotated',
        message: `Rotated: the file holds ${newMasked}; the old key ${oldMasked} is inactive. Delete it once you are sure nothing else uses it.`,
      };
    case 'after-grace': {
      const deleteAfter = ctx.deleteAfter ?? new Date(ctx.deps.host.now().getTime() + ctx.graceDays * 86_400_000).toISOString();
      ctx.deleteAfter = deleteAfter;
      await record(ctx, 'awaiting-grace', { deleteAfter });
      ctx.oldKeyState = 'deletion-scheduled';
      return {
        kind: 'finished',
        result: 'rotated',
        message: `Rotated: the file holds ${newMasked}; the old key ${oldMasked} is inactive and will be offered for deletion after ${deleteAfter}.`,
      };
    }
    case 'now':
      break;
    default:
      return assertNever(ctx.deleteOld);
  }
  const yes = await ask(ctx, {
    kind: 'confirm-delete-old-key',
    message: `Delete the old key ${oldMasked} of ${ctx.userName} now? It is already inactive; deleting cannot be undone.`,
  });
  if (!yes) {
    await forgetJournal(ctx);
    return { kind: 'finished', result: 'rotated', message: `Rotated: the file holds ${newMasked}; the old key ${oldMasked} is inactive and was kept.` };
  }
  await record(ctx, 'deleting-old');
  await gate(ctx, 'delete-old', 'before');
  try {
    await retrying(ctx, () =>
      iamWith(ctx, ctx.newKey!).call((iam) =>
        iam.send(new DeleteAccessKeyCommand({ UserName: ctx.userName, AccessKeyId: ctx.oldKey.id }), { abortSignal: ctx.deps.signal }),
      ),
    );
  } catch (error) {
    const gone =
      classifyAwsError(error) === 'no-such-entity' ||
      (mayHaveExecuted(error) && (await keyStatus(ctx, ctx.newKey!, ctx.oldKey.id).catch(() => 'unknown')) === 'missing');
    if (!gone) {
      leftover(ctx, ctx.oldKey.id, 'Inactive', 'delete', 'The old key is inactive but was not deleted as asked.');
      return {
        kind: 'finished',
        result: 'rotated',
        message: `Rotated: the file holds ${newMasked}; the old key ${oldMasked} is inactive but could not be deleted: ${describeAwsError(error)}.`,
      };
    }
  }
  ctx.oldKeyState = 'deleted';
  await gate(ctx, 'delete-old', 'after');
  await forgetJournal(ctx);
  return { kind: 'finished', result: 'rotated', message: `Rotated: the file holds ${newMasked}; the old key ${oldMasked} was deleted.` };
}

/** Puts the old key back in every section that holds the new one, through the safe writer. */
async function writeOldKeyBack(ctx: RunContext, oldKey: AccessKey): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const view = await readCredentialsFile(ctx.credentialsFile);
    const sections = view.sections.filter((entry) => entry.keyId === ctx.newKeyId).map((entry) => entry.section);
    if (sections.length === 0) return true;
    try {
      await writeKeyInto(ctx, sections, oldKey, view.snapshot.hash);
      ctx.updatedProfiles = [];
      return true;
    } catch (error) {
      // Another edit raced ours: read again once and re-plan against the new bytes.
      if (!(error instanceof AwsFileWriteError && error.code === 'changed-on-disk') || attempt === 2) return false;
    }
  }
  return false;
}

async function deleteKeyWith(ctx: RunContext, caller: AccessKey, keyId: string): Promise<boolean> {
  try {
    await retrying(ctx, () =>
      iamWith(ctx, caller).call((iam) =>
        iam.send(new DeleteAccessKeyCommand({ UserName: ctx.userName, AccessKeyId: keyId }), { abortSignal: ctx.deps.signal }),
      ),
    );
    return true;
  } catch (error) {
    if (classifyAwsError(error) === 'no-such-entity') return true;
    if (mayHaveExecuted(error)) return (await keyStatus(ctx, caller, keyId).catch(() => 'unknown')) === 'missing';
    return false;
  }
}

/** Keys this run may have created without our knowing their id: not there at preflight, created since the run began. */
function strayKeys(ctx: RunContext, keys: readonly KeyInfo[]): KeyInfo[] {
  const since = ctx.startedAt.getTime() - 5 * 60_000;
  return keys.filter(
    (key) => key.id !== ctx.oldKey.id && !ctx.preflightKeyIds.includes(key.id) && (key.createdAt === null || key.createdAt.getTime() >= since),
  );
}

/**
 * Undo, from whatever the world looks like now (never from the journal alone): the file
 * must end holding the old key, active, and IAM must hold no key the file does not. What
 * cannot be done is listed with its cleanup command, and the journal stays for next time.
 */
async function rollBack(ctx: RunContext, reason: string): Promise<MachineState> {
  // A cancel stops the rotation, never its rollback: from here calls ignore the run's signal.
  ctx.deps = { ...ctx.deps, signal: undefined };
  emit(ctx, 'rolling-back', null, `Rolling back: ${reason}.`);
  if (ctx.journal !== null) await record(ctx, 'rolling-back').catch(() => undefined);
  const view = await readCredentialsFile(ctx.credentialsFile);
  const held = keyOfSection(view, ctx.profile)?.keyId ?? null;
  if (ctx.newKeyId !== null && held === ctx.newKeyId) {
    const restored = await restoreOldKey(ctx);
    if (restored !== null) return restored;
  } else if (held !== ctx.oldKey.id) {
    if (ctx.newKeyId !== null)
      leftover(
        ctx,
        ctx.newKeyId,
        'Active',
        'delete',
        'The new key is in IAM but the file holds neither key (it was edited meanwhile), so the app did not touch it.',
      );
    return {
      kind: 'finished',
      result: 'failed',
      message: `Stopped because ${reason}. [${ctx.profile}] now holds a key this rotation did not write, so the file was left alone.`,
    };
  }
  await deleteUnheldNewKeys(ctx);
  if (ctx.leftovers.length > 0) {
    return {
      kind: 'finished',
      result: 'failed',
      message: `Stopped because ${reason}. The file holds the old key ${maskKeyId(ctx.oldKey.id)}, which works; what is left in IAM is listed with the command that removes it.`,
    };
  }
  await forgetJournal(ctx).catch(() => undefined);
  ctx.oldKeyState = 'active';
  return {
    kind: 'finished',
    result: 'rolled-back',
    message: `Rolled back because ${reason}. The file holds the old key ${maskKeyId(ctx.oldKey.id)}, which is active; no new key is left in IAM.`,
  };
}

/** The file holds the new key: re-activate the old one if needed, write it back, then let the new one go. Returns a final state when it must stop. */
async function restoreOldKey(ctx: RunContext): Promise<MachineState | null> {
  const newKey = ctx.newKey!;
  const oldKey = oldKeyWithSecret(ctx);
  if (oldKey === null) {
    return {
      kind: 'finished',
      result: 'failed',
      message: `The old key's secret is no longer available (no backup), so the file keeps the new key ${maskKeyId(newKey.id)}.`,
    };
  }
  // Before any deactivation the old key is known to be active: no need to ask IAM (and a
  // new key that failed to verify could not answer anyway).
  let status = 'Active';
  if (ctx.oldKeyState !== 'active') {
    try {
      status = await retrying(ctx, () => keyStatus(ctx, newKey, oldKey.id));
    } catch (error) {
      return keepNewKey(ctx, `IAM could not be asked about the old key (${describeAwsError(error)})`);
    }
  }
  if (status === 'missing') {
    ctx.oldKeyState = 'deleted';
    await forgetJournal(ctx).catch(() => undefined);
    return {
      kind: 'finished',
      result: 'rotated',
      message: `Nothing to undo: the old key ${maskKeyId(oldKey.id)} was already deleted, so the rotation is complete and the file keeps the new key ${maskKeyId(newKey.id)}, which works.`,
    };
  }
  if (status !== 'Active') {
    try {
      await retrying(ctx, () =>
        iamWith(ctx, newKey).call((iam) =>
          iam.send(new UpdateAccessKeyCommand({ UserName: ctx.userName, AccessKeyId: oldKey.id, Status: 'Active' }), { abortSignal: ctx.deps.signal }),
        ),
      );
    } catch (error) {
      return keepNewKey(ctx, `the old key could not be re-activated (${describeAwsError(error)})`);
    }
    const back = await waitForKey({
      clients: ctx.deps.clients,
      place: ctx.place,
      key: oldKey,
      expectedArn: ctx.userArn,
      backoff: ctx.deps.backoff,
      sleep: ctx.deps.sleep,
      now: () => ctx.deps.host.now().getTime(),
    });
    if (!back.ok) return keepNewKey(ctx, `the re-activated old key does not work yet (${back.reason})`);
  }
  ctx.oldKeyState = 'active';
  if (!(await writeOldKeyBack(ctx, oldKey))) return keepNewKey(ctx, `${ctx.credentialsFile} could not be written back`);
  return null;
}

function keepNewKey(ctx: RunContext, why: string): MachineState {
  const masked = maskKeyId(ctx.newKey!.id);
  if (ctx.oldKeyState === 'active') leftover(ctx, ctx.oldKey.id, 'Active', 'deactivate', 'The old key is active but no longer in the file.');
  return { kind: 'finished', result: 'failed', message: `Could not undo: ${why}. The file keeps the new key ${masked}, which works.` };
}

async function deleteUnheldNewKeys(ctx: RunContext): Promise<void> {
  const old = oldKeyWithSecret(ctx);
  if (ctx.newKeyId !== null) {
    if (old === null || !(await deleteKeyWith(ctx, old, ctx.newKeyId))) {
      leftover(ctx, ctx.newKeyId, 'Active', 'delete', 'The new key was created but is not in the file; nobody holds its secret.');
    }
    return;
  }
  if (!ctx.unknownKeyPossible) return;
  let keys: KeyInfo[];
  try {
    if (old === null) throw new Error('no old key');
    keys = await listKeys(iamWith(ctx, old), ctx.userName, ctx.deps.signal);
  } catch {
    leftover(
      ctx,
      null,
      'unknown',
      'find-and-delete',
      'IAM may have created a key whose id never reached the app; list the keys and delete the one created at the time of the rotation.',
    );
    return;
  }
  for (const stray of strayKeys(ctx, keys)) {
    if (!(await deleteKeyWith(ctx, old!, stray.id)))
      leftover(ctx, stray.id, stray.status, 'delete', 'IAM created this key but its answer was lost; nobody holds its secret.');
  }
}

/** Runs one state. */
async function advance(ctx: RunContext, state: MachineState): Promise<MachineState> {
  switch (state.kind) {
    case 'delete-other-key':
      return deleteOtherKey(ctx, state.otherKeyId);
    case 'create-key':
      return createKey(ctx);
    case 'write-file':
      return writeFile(ctx);
    case 'verify':
      return verify(ctx);
    case 'deactivate-old':
      return deactivateOld(ctx);
    case 'delete-old':
      return deleteOld(ctx);
    case 'roll-back':
      return rollBack(ctx, state.reason);
    case 'finished':
      return state;
    default:
      return assertNever(state);
  }
}

/** States a user's cancel still turns into a rollback; after the old key is deactivated, finishing is the safe way. */
const cancellable = new Set<MachineState['kind']>(['delete-other-key', 'create-key', 'write-file', 'verify']);

/** Drives the states to the end and builds the outcome. */
export async function drive(ctx: RunContext, first: MachineState): Promise<RotationResult> {
  let state = first;
  while (state.kind !== 'finished') {
    const current: Exclude<MachineState, { kind: 'finished' }> =
      ctx.deps.signal?.aborted && cancellable.has(state.kind) ? { kind: 'roll-back', reason: 'you cancelled the rotation' } : state;
    const { state: kind, step } = stateKinds[current.kind];
    if (current.kind !== 'roll-back') emit(ctx, kind, step, describeStep(current));
    try {
      state = await advance(ctx, current);
    } catch (error) {
      state = afterUnexpected(ctx, current, error);
    }
  }
  return finish(ctx, state);
}

/**
 * Where an unexpected error (a journal the disk refused, a bug) leads: a rollback before the
 * old key was deactivated; after it the new key is proven, so the run ends rotated and says
 * what did not happen; a failing rollback keeps its journal for the next start.
 */
function afterUnexpected(ctx: RunContext, state: Exclude<MachineState, { kind: 'finished' }>, error: unknown): MachineState {
  const why = describeAwsError(error);
  switch (state.kind) {
    case 'roll-back':
      return { kind: 'finished', result: 'failed', message: `The rollback itself failed (${why}); the journal is kept so it can be finished or undone later.` };
    case 'delete-old':
      return {
        kind: 'finished',
        result: 'rotated',
        message: `Rotated: the file holds ${maskKeyId(ctx.newKey!.id)} and the old key ${maskKeyId(ctx.oldKey.id)} is inactive, but the last step did not complete (${why}).`,
      };
    case 'delete-other-key':
    case 'create-key':
    case 'write-file':
    case 'verify':
    case 'deactivate-old':
      return { kind: 'roll-back', reason: `an unexpected error stopped the ${state.kind} step (${why})` };
    default:
      return assertNever(state);
  }
}

function describeStep(state: Exclude<MachineState, { kind: 'finished' | 'roll-back' }>): string {
  switch (state.kind) {
    case 'delete-other-key':
      return `Deleting the inactive second key ${maskKeyId(state.otherKeyId)}…`;
    case 'create-key':
      return 'Creating a new access key…';
    case 'write-file':
      return 'Backing up the credentials file and writing the new key…';
    case 'verify':
      return 'Verifying the new key…';
    case 'deactivate-old':
      return 'Deactivating the old key with the new key…';
    case 'delete-old':
      return 'Deciding about the old key…';
    default:
      return assertNever(state);
  }
}

async function finish(ctx: RunContext, state: Extract<MachineState, { kind: 'finished' }>): Promise<RotationResult> {
  const view = await readCredentialsFile(ctx.credentialsFile).catch(() => null);
  const held = view ? (keyOfSection(view, ctx.profile)?.keyId ?? null) : null;
  const outcome: RotationOutcome = {
    result: state.result,
    maskedNewKeyId: ctx.newKeyId ? maskKeyId(ctx.newKeyId) : null,
    maskedOldKeyId: maskKeyId(ctx.oldKey.id),
    oldKeyState: state.result === 'refused' ? null : ctx.oldKeyState,
    fileHoldsMaskedKeyId: held ? maskKeyId(held) : null,
    backupPath: ctx.backupPath,
    deleteAfter: ctx.oldKeyState === 'deletion-scheduled' ? ctx.deleteAfter : null,
    leftovers: ctx.leftovers.map(toSharedLeftover),
    updatedProfiles: ctx.updatedProfiles,
    message: state.message,
  };
  return { outcome, cleanupCommands: ctx.leftovers.map((item) => leftoverCommand(item, false)) };
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
