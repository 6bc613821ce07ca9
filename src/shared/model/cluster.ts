import { z } from 'zod';
import { profileNameSchema } from './primitives';

/**
 * Cluster sign-in (docs/diagnosis.md step 6): the MemoryDB IAM auth token and the live `AUTH`
 * test, as the renderer and the CLI see them. The password travels only in a sign-in
 * request; no response shape names it, so the dispatcher strips it even if a handler erred.
 */

/** MemoryDB names: cluster and user names follow `[a-zA-Z][a-zA-Z0-9-]*` (docs/aws-behaviour.md §2.1). */
const memoryDbName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z][a-zA-Z0-9-]*$/, 'letters, digits and hyphens, starting with a letter');

/** A region name as a profile would hold it; the core checks it against the region list. */
const regionName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'a region name such as eu-west-1');

/** Which cluster and user a token is for, and whose credentials sign it. */
export const clusterTokenRequestSchema = z
  .object({
    profile: profileNameSchema.optional(),
    cluster: memoryDbName,
    user: memoryDbName,
    region: regionName.optional(),
  })
  .strict();
export type ClusterTokenRequest = z.infer<typeof clusterTokenRequestSchema>;

/** A generated token, always masked (the whole token never reaches the page), with what it was signed for. */
export const clusterTokenSchema = z.object({
  token: z.string(),
  cluster: z.string(),
  user: z.string(),
  region: z.string(),
  /** The signing key id, masked (`AKIA…WXYZ`). */
  signedWith: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  /** Which clock signed the token: the local one, or AWS's when the local clock is off (then say so). */
  clockNote: z.string().optional(),
  clockCorrected: z.boolean().optional(),
});
export type ClusterToken = z.infer<typeof clusterTokenSchema>;

/**
 * A whole token main handed to the person after asking: on the clipboard (cleared at
 * `clearsAt`) or printed in the terminal of `mdb-doctor ui`. The token itself is not here.
 */
export const clusterTokenHandoverSchema = z.object({
  deliveredTo: z.enum(['clipboard', 'terminal']),
  clearsAt: z.string().nullable(),
  cluster: z.string(),
  user: z.string(),
  region: z.string(),
  signedWith: z.string(),
  expiresAt: z.string(),
});
export type ClusterTokenHandover = z.infer<typeof clusterTokenHandoverSchema>;

/** Which cluster to look up, and whose credentials and region to look it up with. */
export const clusterEndpointRequestSchema = z.object({ profile: profileNameSchema.optional(), cluster: memoryDbName, region: regionName.optional() }).strict();
export type ClusterEndpointRequest = z.infer<typeof clusterEndpointRequestSchema>;

/**
 * How the live test signs in: a password the person typed, an IAM token main makes for the
 * request's cluster (it never leaves main except to that cluster's endpoint), or no AUTH.
 */
export const signInSecretSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('password'), password: z.string().min(1).max(512) }).strict(),
  z.object({ kind: z.literal('iam-token') }).strict(),
  z.object({ kind: z.literal('none') }).strict(),
]);
export type SignInSecret = z.infer<typeof signInSecretSchema>;

/**
 * One live sign-in attempt. Main connects only to the endpoint AWS reports for `cluster`
 * (host and port), with TLS as the cluster declares: `host`, `port` and `tls` state what the
 * page expects, and any difference is refused before a connection is made.
 */
export const signInTestRequestSchema = z
  .object({
    cluster: clusterEndpointRequestSchema,
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address'),
    port: z.number().int().min(1).max(65_535),
    tls: z.boolean(),
    user: memoryDbName,
    secret: signInSecretSchema,
    timeoutMs: z.number().int().min(500).max(30_000).optional(),
  })
  .strict();
export type SignInTestRequest = z.infer<typeof signInTestRequestSchema>;

/** What the attempt came to, from the first failing stage. */
export const signInOutcomes = [
  'signed-in',
  'wrong-password',
  'no-auth',
  'no-permission',
  'tls-handshake-failed',
  'tls-certificate',
  'tls-required',
  'timeout',
  'unreachable',
  'error',
] as const;
export const signInOutcomeSchema = z.enum(signInOutcomes);
export type SignInOutcome = z.infer<typeof signInOutcomeSchema>;

/** The stages of an attempt, each with how it went. */
export const signInStageSchema = z.object({
  stage: z.enum(['connect', 'tls', 'auth', 'command']),
  status: z.enum(['pass', 'fail', 'skipped']),
  detail: z.string(),
});
export type SignInStage = z.infer<typeof signInStageSchema>;

/** The result of a live sign-in test; the server's reply has any echo of the secret masked. */
export const signInTestResultSchema = z.object({
  outcome: signInOutcomeSchema,
  verdict: z.string(),
  /** What to do next, in one line each. */
  hints: z.array(z.string()),
  stages: z.array(signInStageSchema),
  serverReply: z.string().nullable(),
  durationMs: z.number().nonnegative(),
});
export type SignInTestResult = z.infer<typeof signInTestResultSchema>;

/** A cluster's endpoint and sign-in settings, to prefill the live test. */
export const clusterEndpointSchema = z.object({
  cluster: z.string(),
  region: z.string(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  tlsEnabled: z.boolean(),
  engine: z.string().nullable(),
  engineVersion: z.string().nullable(),
  aclName: z.string().nullable(),
  status: z.string().nullable(),
});
export type ClusterEndpoint = z.infer<typeof clusterEndpointSchema>;
