import { z } from 'zod';
import { profileNameSchema, runIdSchema } from '../../model/primitives';
import { ssoSignInEventSchema } from '../../model/sso';
import { event, invoke } from '../define';

/**
 * Channels of the IAM Identity Center sign-in. Tokens, refresh tokens, client secrets and
 * device codes stay in main: the page gets the page to open, the code to check, and
 * "signed in until <time>" or a typed failure.
 */
export const ssoChannels = {
  /** Starts signing the profile in; the steps arrive on `onSsoSignInEvent` under the returned run id. */
  startSsoSignIn: invoke(
    'sso:start',
    z.object({ profile: profileNameSchema, useDeviceCode: z.boolean().optional() }).strict(),
    z.object({ runId: runIdSchema }),
  ),
  /** Cancels a sign-in that is waiting for the person. */
  cancelSsoSignIn: invoke('sso:cancel', z.object({ runId: runIdSchema }).strict(), z.object({ cancelled: z.boolean() })),
};

/** Streams of the sign-in. */
export const ssoEvents = {
  onSsoSignInEvent: event('sso:event', ssoSignInEventSchema),
};
