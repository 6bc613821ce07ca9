import { z } from 'zod';
import { diagnosisEventSchema, diagnosisReportSchema, diagnosisRequestSchema, exportFormatSchema } from '../../model/diagnosis';
import { keyLookUpCandidateSchema, keyLookUpResultSchema } from '../../model/key-lookup';
import { profileNameSchema, runIdSchema } from '../../model/primitives';
import { event, invoke } from '../define';

/** Channels of the diagnosis feature (docs/diagnosis.md): start a run, cancel it, export its report. */
export const diagnosisChannels = {
  /** Starts a diagnosis in the background; progress arrives on `onDiagnosisEvent` tagged with the run id. */
  startDiagnosis: invoke('diagnosis:start', diagnosisRequestSchema, z.object({ runId: runIdSchema })),
  /** Aborts a run's outstanding AWS calls; `cancelled` is false when the run had already finished. */
  cancelDiagnosis: invoke('diagnosis:cancel', z.object({ runId: runIdSchema }).strict(), z.object({ cancelled: z.boolean() })),
  /**
   * Renders a finished run's report (by run id, or a report the renderer holds) with every
   * secret redacted, offers to save it, and returns the text for the clipboard.
   */
  exportDiagnosis: invoke(
    'diagnosis:export',
    z.union([
      z.object({ runId: runIdSchema, format: exportFormatSchema }).strict(),
      z.object({ report: diagnosisReportSchema, format: exportFormatSchema }).strict(),
    ]),
    z.object({ text: z.string(), savedTo: z.string().nullable() }),
  ),
  /**
   * The other local profiles that could look a refused key up in IAM (read from the files;
   * nothing is sent). Names and hints only: never a key id or a secret.
   */
  keyLookUpCandidates: invoke(
    'diagnosis:key-look-up-candidates',
    z.object({ profile: profileNameSchema }).strict(),
    z.object({ candidates: z.array(keyLookUpCandidateSchema) }),
  ),
  /**
   * Looks `profile`'s refused key up in IAM with `helperProfile`'s credentials, read-only, once
   * the person agrees in main's own dialog (the page's click is not consent); the answer is
   * redacted (key ids masked). Refused as `cancelled` when the person says no.
   */
  lookUpRefusedKey: invoke(
    'diagnosis:look-up-refused-key',
    z.object({ profile: profileNameSchema, helperProfile: profileNameSchema }).strict(),
    keyLookUpResultSchema,
  ),
};

/** Streams of the diagnosis feature. */
export const diagnosisEvents = {
  onDiagnosisEvent: event('diagnosis:event', diagnosisEventSchema),
};
