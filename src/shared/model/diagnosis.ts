import { z } from 'zod';
import { profileNameSchema } from './primitives';
import { causeIdSchema } from './causes';
import { causeSeveritySchema, stepIdSchema } from './steps';

export { causeIds, causeIdSchema, causeCatalogue, type CauseId, type CauseDefinition } from './causes';
export { stepIds, stepIdSchema, causeSeveritySchema, type CauseSeverity, type StepId } from './steps';

/**
 * The diagnosis as the renderer, the CLI's `--json` and the exports see it (docs/diagnosis.md).
 * Plain data with no secret: key ids appear masked, never a secret or a session token.
 */

/** A probe's (and a step's) outcome; `unknown` means it ran but could not tell, `skipped` that it did not run. */
export const probeStatusSchema = z.enum(['pass', 'fail', 'warn', 'skipped', 'unknown']);
export type ProbeStatus = z.infer<typeof probeStatusSchema>;

/** One piece of evidence: what was asked and what came back. */
export const evidenceSchema = z.object({
  label: z.string(),
  /** The request, e.g. `sts:GetCallerIdentity in us-east-1`. */
  request: z.string().optional(),
  errorName: z.string().optional(),
  httpStatus: z.number().int().optional(),
  requestId: z.string().optional(),
  message: z.string().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** A fix the user (or the app, with confirmation) can apply; rendered by an exhaustive switch on `kind`. */
export const fixSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('set-value'),
    /** The proposal's id: the page applies it by this id only, and main checks it proposed it. */
    id: z.string(),
    label: z.string(),
    /** Which AWS file to edit through the profiles writer, and its path for display. */
    file: z.enum(['credentials', 'config']),
    path: z.string(),
    profile: z.string(),
    key: z.string(),
    value: z.string(),
  }),
  z.object({ kind: z.literal('copy-policy'), label: z.string(), json: z.string() }),
  z.object({ kind: z.literal('copy-command'), label: z.string(), command: z.string() }),
  z.object({ kind: z.literal('open-console'), label: z.string(), url: z.string() }),
  z.object({ kind: z.literal('rotate-key'), label: z.string(), profile: z.string() }),
  /** Sign the profile in to IAM Identity Center from the app (or `mdb-doctor sso login`). */
  z.object({ kind: z.literal('sso-sign-in'), label: z.string(), profile: z.string() }),
  z.object({ kind: z.literal('refresh-command'), label: z.string(), command: z.string() }),
]);
export type Fix = z.infer<typeof fixSchema>;
export type FixKind = Fix['kind'];

/** The credential source a report names when the keys came from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. */
export const environmentCredentialSource = 'environment variables';

/** A named cause with the evidence that points at it and what fixes it. */
export const causeSchema = z.object({
  id: causeIdSchema,
  severity: causeSeveritySchema,
  step: stepIdSchema,
  summary: z.string(),
  evidence: z.array(evidenceSchema),
  fixes: z.array(fixSchema),
  /** What to do, in words, when no fix can be a button (a section header to rename by hand). */
  advice: z.string().optional(),
});
export type Cause = z.infer<typeof causeSchema>;

/** What one probe found. */
export const probeResultSchema = z.object({
  id: z.string(),
  step: stepIdSchema,
  title: z.string(),
  status: probeStatusSchema,
  verdict: z.string(),
  evidence: z.array(evidenceSchema),
  fixes: z.array(fixSchema),
  durationMs: z.number().nonnegative(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

/** One step's roll-up for the wizard and the JSON output. */
/**
 * A step's outcome: a probe status, or `blocked` when the step could not judge because an
 * earlier step failed (a wrong secret makes the region calls fail too; that is not the region's fault).
 */
export const stepStatusSchema = z.enum([...probeStatusSchema.options, 'blocked']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const stepSummarySchema = z.object({
  step: stepIdSchema,
  status: stepStatusSchema,
  summary: z.string(),
  /** For a blocked step: the earlier step it needs first. */
  blockedBy: stepIdSchema.optional(),
});
export type StepSummary = z.infer<typeof stepSummarySchema>;

/** What the user asked to diagnose; every field optional (the SDK's own defaults apply). */
export const diagnosisRequestSchema = z
  .object({
    profile: profileNameSchema.optional(),
    cluster: z.string().min(1).max(128).optional(),
    region: z.string().min(1).max(64).optional(),
    user: z.string().min(1).max(128).optional(),
    /** How the client signs in to the cluster, when the user knows: it turns a mismatch from a warning into the cause. */
    signIn: z.enum(['password', 'iam']).optional(),
  })
  .strict();
export type DiagnosisRequest = z.infer<typeof diagnosisRequestSchema>;

/** Who the credentials belong to, once STS has said. */
export const callerIdentitySchema = z.object({ arn: z.string(), account: z.string(), userId: z.string() });
export type CallerIdentity = z.infer<typeof callerIdentitySchema>;

/**
 * The whole report. The first four keys are exactly docs/diagnosis.md's `--json` shape
 * (`profile`, `rootCause`, `causes`, `steps`); the rest are documented extras:
 * `target` (what was diagnosed), `probes` (every probe's result), `cancelled`, timings.
 */
export const diagnosisReportSchema = z.object({
  profile: z.string(),
  rootCause: causeIdSchema.nullable(),
  causes: z.array(causeSchema),
  steps: z.array(stepSummarySchema),
  target: z.object({
    region: z.string().nullable(),
    regionSource: z.string().nullable(),
    cluster: z.string().nullable(),
    user: z.string().nullable(),
    credentialSource: z.string().nullable(),
    maskedKeyId: z.string().nullable(),
    identity: callerIdentitySchema.nullable(),
  }),
  probes: z.array(probeResultSchema),
  cancelled: z.boolean(),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
});
export type DiagnosisReport = z.infer<typeof diagnosisReportSchema>;

/** The live progress stream of one run. */
export const diagnosisEventSchema = z.discriminatedUnion('type', [
  z.object({ runId: z.string(), type: z.literal('probe-started'), probeId: z.string(), step: stepIdSchema, title: z.string() }),
  z.object({ runId: z.string(), type: z.literal('probe-finished'), result: probeResultSchema }),
  z.object({ runId: z.string(), type: z.literal('done'), report: diagnosisReportSchema }),
  z.object({ runId: z.string(), type: z.literal('error'), message: z.string() }),
]);
export type DiagnosisEvent = z.infer<typeof diagnosisEventSchema>;

/** Export formats for a ticket. */
export const exportFormatSchema = z.enum(['markdown', 'json']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;
