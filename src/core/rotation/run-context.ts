import type { DeleteOldChoice, OldKeyDecision, RotationOutcome, RotationQuestion, RotationStateKind, RotationStep } from '../../shared/model/rotation';
import { backupDirFor } from '../aws-files/safe-writer';
import { IamAccess, MfaUnavailableError, type AccessKey, type AwsPlace, type MfaSessionBox } from './aws-access';
import { isWorthRetrying } from './aws-errors';
import { JournalStore, newJournalId, type JournalPhase, type RotationJournal } from './journal';
import { maskKeyId, type Leftover } from './leftovers';
import type { RotationDeps } from './ports';
import { listKeys } from './preflight';

export type OldKeyState = NonNullable<RotationOutcome['oldKeyState']>;

/** What a run knows from its start and never changes: the profile, the user, the old key. */
export interface RunFacts {
  readonly profile: string;
  readonly credentialsFile: string;
  readonly place: AwsPlace;
  readonly userName: string;
  readonly userArn: string;
  readonly mfaSerial: string | null;
  /** The key the file held at the start; its secret is null when recovery found no copy of it. */
  readonly oldKey: { readonly id: string; readonly secret: string | null };
  /** Other sections holding the old key, rewritten in the same write. */
  readonly sharedSections: readonly string[];
  readonly deleteOld: DeleteOldChoice;
  readonly graceDays: number;
  readonly startedAt: Date;
}

/** What the run has learned and done so far; the outcome is built from it. */
export interface RunRecord {
  journal: RotationJournal | null;
  /** The new key's id once IAM named it (the secret travels in the machine's states, never here). */
  newKeyId: string | null;
  /** Every key id the user had at the check: a key outside this set was made by this run. */
  preflightKeyIds: string[];
  /** Hash of the file as preflight (or recovery) read it; the write is refused if it moved on. */
  expectedHash: string;
  /** The create call may have made a key whose id we never saw. */
  unknownKeyPossible: boolean;
  deleteAfter: string | null;
  backupPath: string | null;
  oldKeyState: OldKeyState;
  /** What the last step did with the old key, once it decided. */
  oldKeyDecision: OldKeyDecision | null;
  updatedProfiles: readonly string[];
  leftovers: Leftover[];
}

/** Everything the states share. Secrets sit in memory here and nowhere else. */
export interface RunContext {
  deps: RotationDeps;
  readonly store: JournalStore;
  readonly facts: RunFacts;
  readonly record: RunRecord;
  /** IAM accesses per signing key, sharing one MFA session. */
  readonly iam: IamAccesses;
}

/**
 * IAM access signed by a given key, cached so one MFA session serves every call of the run
 * (docs/rotation.md: "the IAM calls use that session"), whichever of the two keys signs.
 */
export class IamAccesses {
  private readonly byKey = new Map<string, IamAccess>();

  constructor(
    private readonly deps: () => RotationDeps,
    private readonly facts: Pick<RunFacts, 'place' | 'userName' | 'mfaSerial'>,
    readonly mfa: MfaSessionBox,
    seed: readonly IamAccess[] = [],
  ) {
    for (const access of seed) this.byKey.set(access.key.id, access);
  }

  with(key: AccessKey): IamAccess {
    let access = this.byKey.get(key.id);
    if (!access) {
      const deps = this.deps();
      access = new IamAccess(deps.clients, this.facts.place, key, this.facts.userName, deps.prompts.mfaCode, this.facts.mfaSerial, this.mfa);
      this.byKey.set(key.id, access);
    }
    return access;
  }
}

/** What creating a run context takes; the rest of the record starts empty. */
export interface RunContextInit {
  deps: RotationDeps;
  store: JournalStore;
  facts: RunFacts;
  record: Omit<RunRecord, 'updatedProfiles' | 'leftovers' | 'oldKeyDecision'>;
  mfa: MfaSessionBox;
  /** Accesses already opened (preflight's, with its MFA session), reused by the run. */
  accesses?: readonly IamAccess[];
}

/** The one way to build a run's context, for a fresh rotation and for a recovery alike. */
export function createRunContext(init: RunContextInit): RunContext {
  const record: RunRecord = { ...init.record, oldKeyDecision: null, updatedProfiles: [], leftovers: [] };
  const ctx: RunContext = {
    deps: withMfaEvents(init.deps, () => ({ old: init.facts.oldKey.id, new: record.newKeyId })),
    store: init.store,
    facts: init.facts,
    record,
    iam: new IamAccesses(() => ctx.deps, init.facts, init.mfa, init.accesses),
  };
  return ctx;
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

/** Reports progress with the run's masked key ids. */
export function emit(ctx: RunContext, state: RotationStateKind, step: RotationStep | null, message: string, question: RotationQuestion | null = null): void {
  ctx.deps.emit({
    state,
    step,
    message,
    maskedOldKeyId: maskKeyId(ctx.facts.oldKey.id),
    maskedNewKeyId: ctx.record.newKeyId ? maskKeyId(ctx.record.newKeyId) : null,
    question,
  });
}

/** Asks the person; a cancelled run answers no. */
export async function ask(ctx: RunContext, question: RotationQuestion): Promise<boolean> {
  emit(ctx, 'awaiting-confirmation', null, question.message, question);
  if (ctx.deps.signal?.aborted) return false;
  return ctx.deps.prompts.confirm(question);
}

/** The old key with its secret, or null when recovery found no copy of the secret. */
export function oldKeyWithSecret(ctx: RunContext): AccessKey | null {
  const { id, secret } = ctx.facts.oldKey;
  return secret === null ? null : { id, secret };
}

/** Records a phase BEFORE the step it names (or after one that succeeded); creates the journal on first use. */
export async function journal(ctx: RunContext, phase: JournalPhase, changes: Partial<RotationJournal> = {}): Promise<void> {
  const now = ctx.deps.host.now();
  const { facts, record } = ctx;
  if (record.journal === null) {
    const at = now.toISOString();
    const created: RotationJournal = {
      version: 1,
      id: newJournalId(now),
      profile: facts.profile,
      credentialsFile: facts.credentialsFile,
      userName: facts.userName,
      userArn: facts.userArn,
      oldKeyId: facts.oldKey.id,
      preflightKeyIds: record.preflightKeyIds,
      otherKeyId: null,
      newKeyId: record.newKeyId,
      sharedProfiles: [...facts.sharedSections],
      deleteOld: facts.deleteOld,
      deleteAfter: record.deleteAfter,
      fileHashBefore: record.expectedHash,
      fileHashAfter: null,
      backupPath: record.backupPath,
      phase,
      history: [{ phase, at }],
      startedAt: facts.startedAt.toISOString(),
      updatedAt: at,
      ...changes,
    };
    await ctx.store.write(created);
    record.journal = created;
    return;
  }
  record.journal = await ctx.store.advance(record.journal, phase, now, changes);
}

/** Removes the run's journal: nothing is left to finish or undo. */
export async function forgetJournal(ctx: RunContext): Promise<void> {
  if (ctx.record.journal === null) return;
  await ctx.store.remove(ctx.record.journal.id);
  ctx.record.journal = null;
}

/** The test hook between a step's effect and its journal line. */
export async function gate(ctx: RunContext, step: RotationStep, moment: 'before' | 'after'): Promise<void> {
  await ctx.deps.gate?.({ step, moment });
}

/**
 * Repeats an idempotent IAM call while the failure could pass (a just-created key IAM has
 * not propagated yet, throttling, 5xx, a lost answer), within the same bounded backoff as
 * the verify step. aws-vault does the same for its delete (20 s, docs/aws-behaviour.md §4).
 */
export async function retrying<T>(ctx: RunContext, call: () => Promise<T>, worthRetrying: (error: unknown) => boolean = isWorthRetrying): Promise<T> {
  const { backoff, sleep, host, signal } = ctx.deps;
  const started = host.now().getTime();
  let delay = backoff.initialDelayMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (error instanceof MfaUnavailableError || !worthRetrying(error) || signal?.aborted) throw error;
      if (host.now().getTime() - started + delay > backoff.maxWaitMs) throw error;
      await sleep(delay, signal).catch(() => undefined);
      delay = Math.min(delay * 2, backoff.maxDelayMs);
    }
  }
}

/** The status IAM lists for `keyId`, or 'missing'. */
export async function keyStatus(ctx: RunContext, caller: AccessKey, keyId: string): Promise<string | 'missing'> {
  const keys = await listKeys(ctx.iam.with(caller), ctx.facts.userName, ctx.deps.signal);
  return keys.find((key) => key.id === keyId)?.status ?? 'missing';
}

/** Notes a key left in IAM, with what to do about it. */
export function leftover(ctx: RunContext, keyId: string | null, status: string, action: Leftover['action'], note: string): void {
  ctx.record.leftovers.push({ keyId, userName: ctx.facts.userName, profile: ctx.facts.profile, status, action, note });
}

/** Writes `key` into `sections` through the safe writer, refusing if the file is not at `expectedHash`. */
export function writeKeyInto(ctx: RunContext, sections: readonly string[], key: AccessKey, expectedHash: string) {
  return ctx.deps.writer({
    path: ctx.facts.credentialsFile,
    expectedHash,
    edits: sections.flatMap((section) => [
      { section, key: 'aws_access_key_id', value: key.id },
      { section, key: 'aws_secret_access_key', value: key.secret },
    ]),
    allowedPaths: [ctx.facts.credentialsFile],
    backupDir: backupDirFor(ctx.deps.host.appDataDir),
    now: () => ctx.deps.host.now(),
  });
}
