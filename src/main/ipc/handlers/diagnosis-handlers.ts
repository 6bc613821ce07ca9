import type { DiagnosisReport } from '../../../shared/model/diagnosis';
import type { ParsedRequestOf } from '../../../shared/ipc/contract';
import { IpcFailure } from '../../../shared/ipc/result';
import { diagnose } from '../../../core/diagnosis/diagnose';
import { exportReport } from '../../../core/diagnosis/export';
import { defaultProbes } from '../../../core/probes';
import type { HandlerContext } from '../dispatcher';
import type { HandlerScope } from './index';

/** Finished reports kept for export, newest last; old ones fall off. */
const keptReports = 20;

function fileName(report: DiagnosisReport, format: 'markdown' | 'json'): string {
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const profile = report.profile.replace(/[^\w.-]+/g, '_');
  return `mdb-doctor-${profile}-${stamp}.${format === 'markdown' ? 'md' : 'json'}`;
}

/**
 * Answers for the diagnosis channels: a run starts as a job and streams its (already
 * redacted) progress as `onDiagnosisEvent`; cancel aborts its outstanding AWS calls;
 * export renders a kept report, offers the save dialog and returns the text.
 */
export function createDiagnosisHandlers(deps: HandlerScope) {
  const reports = new Map<string, DiagnosisReport>();
  const remember = (runId: string, report: DiagnosisReport) => {
    reports.set(runId, report);
    while (reports.size > keptReports) reports.delete(reports.keys().next().value as string);
  };
  return {
    async startDiagnosis(request: ParsedRequestOf<'startDiagnosis'>, context: HandlerContext) {
      const host = deps.host.current();
      // One diagnosis at a time for the window: a new run replaces (cancels) the one going, so a
      // page cannot pile up runs that each hold sockets and memory.
      for (const running of deps.jobs.active('diagnosis')) deps.jobs.cancel('diagnosis', running);
      const runId = deps.jobs.start('diagnosis', async (signal, id) => {
        try {
          const { report } = await diagnose(host, request, {
            probes: defaultProbes,
            signal,
            onProgress: (event) => context.emit('onDiagnosisEvent', { runId: id, ...event }),
          });
          remember(id, report);
          deps.proposals.fromReport(report);
          context.emit('onDiagnosisEvent', { runId: id, type: 'done', report });
        } catch (error) {
          context.emit('onDiagnosisEvent', { runId: id, type: 'error', message: error instanceof Error ? error.message : String(error) });
        }
      });
      return { runId };
    },
    async cancelDiagnosis(request: ParsedRequestOf<'cancelDiagnosis'>) {
      return { cancelled: deps.jobs.cancel('diagnosis', request.runId) };
    },
    async exportDiagnosis(request: ParsedRequestOf<'exportDiagnosis'>) {
      const report = 'runId' in request ? reports.get(request.runId) : request.report;
      if (!report) throw new IpcFailure('not-found', 'That diagnosis is no longer kept (or has not finished); run it again to export it.');
      const text = exportReport(report, request.format);
      const savedTo = await deps.shell.saveTextFile({
        suggestedName: fileName(report, request.format),
        content: text,
        filters: request.format === 'markdown' ? [{ name: 'Markdown', extensions: ['md'] }] : [{ name: 'JSON', extensions: ['json'] }],
      });
      return { text, savedTo };
    },
  };
}
