import { Button, Group, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { DiagnosisRequest, Fix } from '../../../shared/model/diagnosis';
import { AppFrame } from '../frame/app-frame';
import { StepRail, type RailItem } from '../frame/step-rail';
import { FileFixDialog } from './file-fix-dialog';
import type { FixHandlers } from './fix-actions';
import { liveStepStatus } from './run-reducer';
import { StartPage } from './start-page';
import { StatusIcon, statusLabel } from './status-badge';
import { StepPage } from './step-page';
import { wizardSteps, type WizardPage } from './steps';
import { SummaryPage } from './summary-page';
import { useDiagnosisRun } from './use-diagnosis-run';

type SetValueFix = Extract<Fix, { kind: 'set-value' }>;

/** The guided flow: Start, then one page per step filled in live, then the summary. */
export function Wizard() {
  const { state, start, cancel } = useDiagnosisRun();
  const [page, setPage] = useState<WizardPage>('start');
  const [, setRotationProfile] = useState<string | null>(null);
  const [fileFix, setFileFix] = useState<SetValueFix | null>(null);

  const diagnose = useCallback(
    (request: DiagnosisRequest) => {
      setPage('credentials');
      void start(request);
    },
    [start],
  );

  const rerun = useCallback(() => {
    if (state.phase === 'idle') return;
    diagnose(state.request);
  }, [state, diagnose]);

  const fixHandlers: FixHandlers = {
    onFileFix: (fix) => setFileFix(fix),
    onRotate: (profile) => {
      setRotationProfile(profile);
      setPage('renew');
    },
  };

  const running = state.phase === 'running' || state.phase === 'starting';
  const items: RailItem[] = [
    { id: 'start', label: 'Start' },
    ...wizardSteps.map((step) => {
      const status = step.id === 'summary' ? (state.phase === 'done' ? (state.report.rootCause ? 'fail' : 'pass') : running ? 'running' : 'pending') : liveStepStatus(state, step.id);
      return { id: step.id, label: step.label, statusLabel: statusLabel(status), icon: <StatusIcon status={status} /> };
    }),
  ];

  const headerExtra =
    state.phase === 'idle' ? null : (
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {running ? 'Diagnosing' : 'Profile'} <code>{state.request.profile ?? 'default'}</code>
        </Text>
        {running ? (
          <Button size="xs" color="red" variant="light" onClick={() => void cancel()}>
            Cancel
          </Button>
        ) : (
          <Button size="xs" variant="default" onClick={rerun}>
            Run again
          </Button>
        )}
      </Group>
    );

  return (
    <AppFrame rail={<StepRail items={items} activeId={page} onSelect={(id) => setPage(id as WizardPage)} />} headerExtra={headerExtra}>
      {page === 'start' && <StartPage onDiagnose={diagnose} busy={running} />}
      {page === 'summary' && <SummaryPage state={state} fixHandlers={fixHandlers} onRerun={rerun} />}
      {page !== 'start' && page !== 'summary' && <StepPage step={page} state={state} fixHandlers={fixHandlers} />}
      {fileFix && <FileFixDialog fix={fileFix} onClose={() => setFileFix(null)} onApplied={() => undefined} />}
      {state.phase === 'failed' && (
        <Text c="red" role="alert" mt="md">
          The diagnosis could not run: {state.message}
        </Text>
      )}
    </AppFrame>
  );
}
