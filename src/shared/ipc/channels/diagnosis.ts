import { z } from 'zod';
import { diagnosisEventSchema, diagnosisReportSchema, diagnosisRequestSchema, exportFormatSchema } from '../../model/diagnosis';
import { runIdSchema } from '../../model/primitives';
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
};

/** Streams of the diagnosis feature. */
export const diagnosisEvents = {
  onDiagnosisEvent: event('diagnosis:event', diagnosisEventSchema),
};
