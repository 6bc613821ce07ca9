import { z } from 'zod';

/** Why a sign-in failed (core/sso/sso-errors SsoFailureCode). */
export const ssoFailureCodeSchema = z.enum(['not-configured', 'denied', 'expired', 'cancelled', 'state-mismatch', 'rejected', 'unreachable', 'cache-write']);

/** What the person must do: open the page, and check the code when there is one. No token, device code or secret. */
export const ssoPromptSchema = z
  .object({
    flow: z.enum(['device-code', 'authorization-code']),
    verificationUri: z.string().url(),
    verificationUriComplete: z.string().url(),
    userCode: z.string().nullable(),
    expiresAt: z.string(),
    /** Whether main opened the page in the system browser; the page shows the link either way. */
    openedInBrowser: z.boolean(),
  })
  .strict();

/** One step of a sign-in run, streamed on `onSsoSignInEvent`. */
export const ssoSignInEventSchema = z
  .object({
    runId: z.string(),
    state: z.enum(['starting', 'waiting', 'signed-in', 'failed']),
    profile: z.string(),
    message: z.string(),
    prompt: ssoPromptSchema.nullable(),
    /** When the new session ends (signed-in only). */
    expiresAt: z.string().nullable(),
    method: z.enum(['cached', 'refreshed', 'device-code', 'authorization-code']).nullable(),
    failure: z.object({ code: ssoFailureCodeSchema, message: z.string() }).strict().nullable(),
  })
  .strict();

export type SsoSignInEvent = z.infer<typeof ssoSignInEventSchema>;
export type SsoPromptView = z.infer<typeof ssoPromptSchema>;
