import { z } from 'zod';

/**
 * The rotation feature as the renderer and the CLI see it. Nothing here can hold a secret:
 * key ids travel masked (`AKIA…WXYZ`), and cleanup commands name a masked id too.
 */

/** What to do with the old key once the new one works (AWS recommends deactivate, delete later). */
export const deleteOldChoiceSchema = z.enum(['no', 'now', 'after-grace']);
export type DeleteOldChoice = z.infer<typeof deleteOldChoiceSchema>;

/** What to do with a second, inactive key that blocks CreateAccessKey (two keys per user). */
export const otherKeyActionSchema = z.enum(['delete', 'stop']);
export type OtherKeyAction = z.infer<typeof otherKeyActionSchema>;

/** The steps of docs/rotation.md, in order; `delete-other-key` only runs when the user chose it. */
export const rotationStepSchema = z.enum(['preflight', 'delete-other-key', 'create-key', 'write-file', 'verify', 'deactivate-old', 'delete-old']);
export type RotationStep = z.infer<typeof rotationStepSchema>;

/** Why a profile cannot be rotated; each comes with what to do instead. */
export const rotationRefusalCodeSchema = z.enum([
  'profile-not-found',
  'not-static-keys',
  'environment-credentials',
  'key-not-in-credentials-file',
  'not-an-iam-user',
  'key-not-callers',
  'key-rejected',
  'two-active-keys',
  'file-read-only',
  'file-changed',
  'file-unreadable',
  'rotation-in-progress',
  'aws-error',
]);
export type RotationRefusalCode = z.infer<typeof rotationRefusalCodeSchema>;

/** One IAM access key as the plan shows it. */
export const rotationKeySchema = z.object({
  maskedKeyId: z.string(),
  status: z.string(),
  createdAt: z.string().nullable(),
  ageDays: z.number().int().nullable(),
});
export type RotationKey = z.infer<typeof rotationKeySchema>;

/** The answer to `rotationPreflight`: what would happen, or why it cannot. */
export const rotationPlanSchema = z.object({
  profile: z.string(),
  /** True when a rotation may start (possibly after the other-key choice). */
  ready: z.boolean(),
  refusal: z.object({ code: rotationRefusalCodeSchema, message: z.string(), instead: z.string() }).nullable(),
  credentialsFile: z.string().nullable(),
  userName: z.string().nullable(),
  userArn: z.string().nullable(),
  currentKey: rotationKeySchema.nullable(),
  /** The user's second key, when there is one. */
  otherKey: rotationKeySchema.nullable(),
  /** Set when a second key is inactive and must go before a new key can be created. */
  otherKeyChoiceRequired: z.boolean(),
  /** Other profiles that hold the same key: they are updated in the same write. */
  sharedWith: z.array(z.string()),
  /** Things the user should know before starting (config-file profiles holding the same key). */
  warnings: z.array(z.string()),
  /** Human sentences, in order: what the rotation will do. */
  steps: z.array(z.object({ step: rotationStepSchema, description: z.string() })),
  /** The MFA device that IAM calls may need, when known beforehand. */
  mfaSerial: z.string().nullable(),
  /** IAM refused to list keys without MFA: the run will ask for a code and show the keys then. */
  mfaRequired: z.boolean(),
});
export type RotationPlan = z.infer<typeof rotationPlanSchema>;

/** A key left in IAM that the file does not hold, and the command that removes it. */
export const rotationLeftoverSchema = z.object({
  maskedKeyId: z.string(),
  userName: z.string(),
  status: z.string(),
  /** What the key is and why it is left. */
  note: z.string(),
  /** The one command that cleans it up (the key id masked; `aws iam list-access-keys` shows it whole). */
  command: z.string(),
});
export type RotationLeftover = z.infer<typeof rotationLeftoverSchema>;

/** Every state a run reports; `awaiting-*` states wait for `confirmRotation`. */
export const rotationStateKindSchema = z.enum([
  'preflight',
  'awaiting-confirmation',
  'awaiting-mfa',
  'deleting-other-key',
  'creating-key',
  'writing-file',
  'verifying',
  'deactivating-old',
  'deleting-old',
  'rolling-back',
  'done',
  'rolled-back',
  'failed',
  'refused',
]);
export type RotationStateKind = z.infer<typeof rotationStateKindSchema>;

/**
 * A question asked mid-run. `confirm-delete-lost-key`: IAM made a key for the run but its
 * answer was lost, so the key can only be deleted.
 */
export const rotationQuestionSchema = z.object({
  kind: z.enum(['confirm-delete-other-key', 'confirm-delete-old-key', 'confirm-delete-lost-key', 'mfa-code']),
  message: z.string(),
});
export type RotationQuestion = z.infer<typeof rotationQuestionSchema>;

/**
 * What the run's last step did with the old key: kept it inactive (the person's choice, or a
 * "no" to the deletion question), scheduled its deletion, deleted it, or tried and failed.
 */
export const oldKeyDecisionSchema = z.enum(['kept', 'scheduled', 'deleted', 'not-deleted']);
export type OldKeyDecision = z.infer<typeof oldKeyDecisionSchema>;

/** The words for each decision, the same on the page's timeline and in the CLI's output. */
export const oldKeyDecisionWords: Record<OldKeyDecision, string> = {
  kept: 'Old key kept, inactive',
  scheduled: 'Old key inactive, its deletion scheduled',
  deleted: 'Old key deleted',
  'not-deleted': 'Old key inactive, not deleted',
};

/** How a run ended, for the outcome screen and the CLI's exit code. */
export const rotationOutcomeSchema = z.object({
  result: z.enum(['rotated', 'rolled-back', 'failed', 'refused']),
  maskedNewKeyId: z.string().nullable(),
  maskedOldKeyId: z.string().nullable(),
  oldKeyState: z.enum(['active', 'inactive', 'deleted', 'deletion-scheduled', 'unknown']).nullable(),
  /** What the last step did with the old key; null when the run did not get that far. */
  oldKeyDecision: oldKeyDecisionSchema.nullable(),
  /** The file ends holding this key (masked); null when unknown. */
  fileHoldsMaskedKeyId: z.string().nullable(),
  backupPath: z.string().nullable(),
  deleteAfter: z.string().nullable(),
  leftovers: z.array(rotationLeftoverSchema),
  updatedProfiles: z.array(z.string()),
  message: z.string(),
});
export type RotationOutcome = z.infer<typeof rotationOutcomeSchema>;

/** One progress event of a run. */
export const rotationEventSchema = z.object({
  runId: z.string(),
  state: rotationStateKindSchema,
  step: rotationStepSchema.nullable(),
  message: z.string(),
  maskedOldKeyId: z.string().nullable(),
  maskedNewKeyId: z.string().nullable(),
  question: rotationQuestionSchema.nullable(),
  outcome: rotationOutcomeSchema.nullable(),
});
export type RotationEvent = z.infer<typeof rotationEventSchema>;

/**
 * Where a rotation stands, recorded BEFORE each step that changes anything (an `-ing`
 * phase is an intent: the step may or may not have happened) and after it succeeded.
 * Recovery never trusts the phase alone: it re-reads the file and lists the user's keys.
 */
export const journalPhaseSchema = z.enum([
  'started',
  'deleting-other-key',
  'creating-key',
  'key-created',
  'writing-file',
  'file-written',
  'verified',
  'deactivating-old',
  'old-deactivated',
  'deleting-old',
  'awaiting-grace',
  'rolling-back',
]);
export type JournalPhase = z.infer<typeof journalPhaseSchema>;

/** An unfinished rotation found in the journal at start. */
export const unfinishedRotationSchema = z.object({
  journalId: z.string(),
  profile: z.string(),
  startedAt: z.string(),
  phase: journalPhaseSchema,
  maskedOldKeyId: z.string(),
  maskedNewKeyId: z.string().nullable(),
  /** What `finish` and `undo` would do from here, in a sentence each. */
  finishMeans: z.string(),
  undoMeans: z.string(),
  /** A deletion the user scheduled that is now due (grace period over). */
  deletionDue: z.boolean(),
  deleteAfter: z.string().nullable(),
});
export type UnfinishedRotation = z.infer<typeof unfinishedRotationSchema>;

/** Recovery choices for an unfinished rotation. */
export const recoverActionSchema = z.enum(['finish', 'undo']);
export type RecoverAction = z.infer<typeof recoverActionSchema>;
