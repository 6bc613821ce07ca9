import { z } from 'zod';
import {
  deleteOldChoiceSchema,
  otherKeyActionSchema,
  recoverActionSchema,
  rotationEventSchema,
  rotationPlanSchema,
  unfinishedRotationSchema,
} from '../../model/rotation';
import { profileNameSchema, runIdSchema } from '../../model/primitives';
import { event, invoke } from '../define';

/** Channels of the rotation feature (docs/rotation.md). No request or answer can carry a secret. */
export const rotationChannels = {
  /** Checks, touching nothing, whether the profile can be rotated and what the rotation would do. */
  rotationPreflight: invoke('rotation:preflight', z.object({ profile: profileNameSchema }).strict(), rotationPlanSchema),
  /** Starts a rotation in the background; progress, questions and the outcome arrive on `onRotationEvent`. */
  startRotation: invoke(
    'rotation:start',
    z
      .object({
        profile: profileNameSchema,
        deleteOld: deleteOldChoiceSchema,
        otherKeyAction: otherKeyActionSchema.optional(),
        graceDays: z.number().int().min(0).max(365).optional(),
        updateSharedProfiles: z.boolean().optional(),
      })
      .strict(),
    z.object({ runId: runIdSchema }),
  ),
  /** Sends the MFA code a run waits for (a one-time code, not a secret), or answer false to stop it; deletions are confirmed in main. */
  confirmRotation: invoke(
    'rotation:confirm',
    z
      .object({
        runId: runIdSchema,
        answer: z.boolean(),
        mfaCode: z
          .string()
          .regex(/^\d{6}$/, 'an MFA code is six digits')
          .optional(),
      })
      .strict(),
    z.object({ accepted: z.boolean() }),
  ),
  /** Cancels a run; before the old key is deactivated this rolls back, after it the run finishes. */
  cancelRotation: invoke('rotation:cancel', z.object({ runId: runIdSchema }).strict(), z.object({ cancelled: z.boolean() })),
  /** Rotations the journal says did not finish (crash, power loss) and scheduled deletions. */
  findUnfinishedRotation: invoke('rotation:find-unfinished', z.object({}).strict(), z.object({ rotations: z.array(unfinishedRotationSchema) })),
  /** Finishes or undoes an unfinished rotation, as a run that streams on `onRotationEvent`. */
  recoverRotation: invoke(
    'rotation:recover',
    z.object({ journalId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/), action: recoverActionSchema }).strict(),
    z.object({ runId: runIdSchema }),
  ),
};

/** Streams of the rotation feature: masked key ids only. */
export const rotationEvents = {
  onRotationEvent: event('rotation:event', rotationEventSchema),
};
