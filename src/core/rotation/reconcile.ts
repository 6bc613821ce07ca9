import type { AccessKey } from './aws-access';
import { classifyAwsError, awsErrorLine, isAuthRejected, mayHaveExecuted } from './aws-errors';
import { maskKeyId } from './leftovers';
import { listKeys, type KeyInfo } from './preflight';
import { ask, leftover, retrying, type RunContext } from './run-context';
import type { CreatedKey } from './states';

/**
 * True for a failure that proves IAM did not carry the call out and that may pass (a key IAM
 * has not propagated yet, throttling): the only failures a non-idempotent call is sent again for.
 */
export function refusedButPassing(error: unknown): boolean {
  return isAuthRejected(error) || classifyAwsError(error) === 'throttled';
}

/** Lists the user's keys, retrying (a read is safe to repeat). */
function listNow(ctx: RunContext, caller: AccessKey): Promise<KeyInfo[]> {
  return retrying(ctx, () => listKeys(ctx.iam.with(caller), ctx.facts.userName, ctx.deps.signal));
}

/** How many times a deletion is decided from a fresh listing before giving up. */
const rounds = 3;

/** The outcome of deleting one key and checking. */
export type Deletion = { gone: true } | { gone: false; why: string };

/**
 * Deletes `keyId`, sending DeleteAccessKey once per decision: when its answer is lost (network,
 * timeout, 5xx) IAM's listing says whether the key went, and only a key still listed is sent
 * for again. NoSuchEntity means it is gone.
 */
export async function deleteKeyVerified(ctx: RunContext, caller: AccessKey, keyId: string): Promise<Deletion> {
  let why = 'it was not tried';
  for (let round = 1; round <= rounds; round += 1) {
    try {
      await retrying(ctx, () => ctx.iam.with(caller).deleteKey(keyId, ctx.deps.signal), refusedButPassing);
      return { gone: true };
    } catch (error) {
      if (classifyAwsError(error) === 'not-found') return { gone: true };
      why = awsErrorLine(error);
      if (!mayHaveExecuted(error)) return { gone: false, why };
    }
    let keys: KeyInfo[];
    try {
      keys = await listNow(ctx, caller);
    } catch (error) {
      return { gone: false, why: `${why}; IAM's keys could not be listed to check (${awsErrorLine(error)})` };
    }
    if (!keys.some((key) => key.id === keyId)) return { gone: true };
  }
  return { gone: false, why };
}

/** What reconciling the user's keys with IAM found and did. */
export interface Reconciliation {
  /** A listing taken after the last change showed no key made by this run, other than those named as leftovers. */
  verified: boolean;
  /** Keys IAM made for this run whose answer was lost, now deleted (ids). */
  deletedLost: string[];
  /** The run's known new key was deleted. */
  deletedKnown: boolean;
  /** Keys made by this run that stay (refused, or kept on the person's word): each is a leftover. */
  kept: string[];
  /** Why the listing could not be had, when it could not. */
  unlistedBecause: string | null;
}

/** Keys made by this run: the known new key, and any key not there at the check, created since the run began. */
function madeByThisRun(ctx: RunContext, keys: readonly KeyInfo[], known: CreatedKey | null): KeyInfo[] {
  const since = ctx.facts.startedAt.getTime() - 5 * 60_000;
  return keys.filter(
    (key) =>
      key.id === known?.id ||
      (key.id !== ctx.facts.oldKey.id && !ctx.record.preflightKeyIds.includes(key.id) && (key.createdAt === null || key.createdAt.getTime() >= since)),
  );
}

/**
 * Brings IAM back to the keys of the check, from IAM's own listing rather than the last
 * answer seen: every key made by this run that the file does not hold is deleted — the
 * known new key at once, a key whose creating answer was lost after asking (its secret
 * never reached the app, so nothing can use it). A final listing proves what it claims;
 * whatever stays is a leftover with the command that removes it, full id in the CLI.
 */
export async function reconcileNewKeys(ctx: RunContext, caller: AccessKey | null, known: CreatedKey | null): Promise<Reconciliation> {
  const result: Reconciliation = { verified: false, deletedLost: [], deletedKnown: false, kept: [], unlistedBecause: null };
  const givenUp = new Set<string>();
  const giveUp = (key: KeyInfo, note: string) => {
    givenUp.add(key.id);
    result.kept.push(key.id);
    leftover(ctx, key.id, key.status, 'delete', note);
  };
  const unlisted = (why: string): Reconciliation => {
    result.unlistedBecause = why;
    if (known !== null && !result.deletedKnown && !givenUp.has(known.id))
      leftover(ctx, known.id, 'Active', 'delete', `The new key was created but is not in the file, and IAM's keys could not be listed to check (${why}).`);
    if (ctx.record.unknownKeyPossible)
      leftover(
        ctx,
        null,
        'unknown',
        'find-and-delete',
        `IAM may have created a key whose id never reached the app, and the keys could not be listed to check (${why}); list them and delete the one created at the time of the rotation.`,
      );
    return result;
  };
  if (caller === null) return unlisted("the old key's secret is not available to sign the call");
  for (let round = 1; ; round += 1) {
    let keys: KeyInfo[];
    try {
      keys = await listNow(ctx, caller);
    } catch (error) {
      return unlisted(awsErrorLine(error));
    }
    const left = madeByThisRun(ctx, keys, known).filter((key) => !givenUp.has(key.id));
    if (left.length === 0) {
      result.verified = true;
      return result;
    }
    if (round > rounds) {
      for (const key of left) giveUp(key, 'IAM still lists this key after repeated deletions; nobody holds its secret.');
      return result;
    }
    for (const key of left) {
      const isKnown = key.id === known?.id;
      if (!isKnown && !(await askToDeleteLost(ctx, key))) {
        giveUp(key, 'IAM made this key for the rotation but its answer was lost, so nobody holds its secret; you chose to keep it.');
        continue;
      }
      try {
        await retrying(ctx, () => ctx.iam.with(caller).deleteKey(key.id, ctx.deps.signal), refusedButPassing);
      } catch (error) {
        // A lost answer is settled by the next listing; a refusal is final.
        if (classifyAwsError(error) !== 'not-found' && !mayHaveExecuted(error)) {
          giveUp(key, `IAM refused to delete this key (${awsErrorLine(error)}); nobody holds its secret.`);
          continue;
        }
      }
      if (isKnown) result.deletedKnown = true;
      else if (!result.deletedLost.includes(key.id)) result.deletedLost.push(key.id);
    }
  }
}

function askToDeleteLost(ctx: RunContext, key: KeyInfo): Promise<boolean> {
  const created = key.createdAt ? ` (created ${key.createdAt.toISOString()})` : '';
  return ask(ctx, {
    kind: 'confirm-delete-lost-key',
    message: `IAM lists ${maskKeyId(key.id)}${created} for ${ctx.facts.userName}, which was not there at the check: this rotation made it, but IAM's answer never arrived, so nobody has its secret and it can never be used. Delete it? Deleting cannot be undone.`,
  });
}

/** One sentence on what the listing showed (or could not), for a run's closing message. */
export function describeReconciliation(result: Reconciliation): string {
  const lost = result.deletedLost.map(maskKeyId);
  const parts: string[] = [];
  if (lost.length > 0)
    parts.push(
      `IAM had made ${lost.join(' and ')} for this rotation but its answer was lost, so no one has ${lost.length === 1 ? 'its secret: it was' : 'their secrets: they were'} deleted`,
    );
  if (result.verified && result.kept.length === 0) parts.push('A listing of the user’s keys shows no new key is left in IAM');
  else if (result.verified) parts.push('A listing of the user’s keys shows no new key left in IAM but the one named below');
  else if (result.unlistedBecause !== null) parts.push(`Whether a new key is left in IAM could not be checked (${result.unlistedBecause})`);
  return parts.map((part) => `${part}.`).join(' ');
}
