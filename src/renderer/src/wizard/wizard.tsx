import { Alert, Button, Group, Text } from '@mantine/core';
import { useCallback, useReducer } from 'react';
import type { DiagnosisReport, DiagnosisRequest, StepId } from '../../../shared/model/diagnosis';
import { ClusterSignInPanel } from '../cluster/cluster-sign-in-panel';
import { AppFrame } from '../frame/app-frame';
import { OutsideConfirmationNotice } from '../frame/outside-confirmation-notice';
import { ProfilesScreen } from '../profiles/profiles-screen';
import { RotationScreen } from '../rotation/rotation-screen';
import { StepRail, type RailItem } from '../frame/step-rail';
import { FileFixDialog } from './file-fix-dialog';
import type { FixHandlers } from './fix-actions';
import { liveStepStatus, type LiveStepStatus, type RunState } from './run-reducer';
import { SsoSignInDialog } from './sso-sign-in-dialog';
import { StartPage } from './start-page';
import { StatusIcon, statusLabel } from './status-badge';
import { StepPage, type StepPageView } from './step-page';
import { wizardSteps, type WizardPage } from './steps';
import { SummaryPage } from './summary-page';
import { UnfinishedRotationBanner } from './unfinished-rotation-banner';
import { useDiagnosisRun } from './use-diagnosis-run';
import { initialWizardState, wizardReducer } from './wizard-reducer';

/** The summary's entry in the rail: fail for any error, warn for warnings only, pass for none. */
function summaryStatus(state: RunState): LiveStepStatus {
  if (state.phase === 'running' || state.phase === 'starting') return 'running';
  if (state.phase !== 'done') return 'pending';
  const severities = state.report.causes.map((cause) => cause.severity);
  return severities.includes('error') ? 'fail' : severities.length > 0 ? 'warn' : 'pass';
}

/**
 * Where the region scan found the cluster, read from the region fix it proposed: a token
 * must be signed for the cluster's own region, not for a configured one that lacks it.
 */
function regionOfCluster(report: DiagnosisReport): string | null {
  const elsewhere = report.causes.find((cause) => cause.id === 'region.cluster-elsewhere');
  const fix = elsewhere?.fixes.find((candidate) => candidate.kind === 'set-value' && candidate.key === 'region');
  return fix && fix.kind === 'set-value' ? fix.value : null;
}

/** The token and live sign-in test, once the run names a cluster and a sign-in user. */
function ClusterTools({ state }: { state: RunState }) {
  if (state.phase === 'idle') return null;
  const cluster = state.request.cluster ?? (state.phase === 'done' ? state.report.target.cluster : null);
  const user = state.request.user ?? (state.phase === 'done' ? state.report.target.user : null);
  if (!cluster || !user) {
    return (
      <Alert color="gray">
        Name a cluster and the user your client signs in as on the Start page to check the cluster sign-in, get an IAM auth token, or test a sign-in.
      </Alert>
    );
  }
  const region =
    state.phase === 'done' ? (regionOfCluster(state.report) ?? state.request.region ?? state.report.target.region) : (state.request.region ?? null);
  return <ClusterSignInPanel profile={state.request.profile} cluster={cluster} user={user} region={region} />;
}

/** The guided flow: Start, then one page per step filled in live, then the summary. */
export function Wizard() {
  const { state, start, cancel, keyLookedUp } = useDiagnosisRun();
  const [wizard, dispatch] = useReducer(wizardReducer, initialWizardState);
  const { page } = wizard;

  const diagnose = useCallback(
    (request: DiagnosisRequest) => {
      dispatch({ type: 'go', page: 'credentials' });
      void start(request);
    },
    [start],
  );

  const rerun = useCallback(() => {
    if (state.phase === 'idle') return;
    diagnose(state.request);
  }, [state, diagnose]);

  const openRotation = useCallback((profile: string) => dispatch({ type: 'open-rotation', profile }), []);

  const fixHandlers: FixHandlers = {
    onFileFix: (fix) => dispatch({ type: 'open-file-fix', fix }),
    onRotate: openRotation,
    onSsoSignIn: (profile) => dispatch({ type: 'open-sso-sign-in', profile }),
    onKeyLookedUp: keyLookedUp,
  };
  const viewOf = (step: StepId): StepPageView => ({
    evidenceOpen: wizard.evidenceOpen[step] ?? false,
    onToggleEvidence: () => dispatch({ type: 'toggle-evidence', step }),
    onGo: (target) => dispatch({ type: 'go', page: target }),
  });

  const running = state.phase === 'running' || state.phase === 'starting';
  const items: RailItem[] = [
    { id: 'start', label: 'Start' },
    { id: 'profiles', label: 'Profiles' },
    ...wizardSteps.map((step) => {
      const status = step.id === 'summary' ? summaryStatus(state) : liveStepStatus(state, step.id);
      return { id: step.id, label: step.label, statusLabel: statusLabel(status), icon: <StatusIcon status={status} /> };
    }),
  ];

  const headerExtra =
    state.phase === 'idle' ? null : (
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {running ? 'Diagnosing' : 'Profile'}{' '}
          {state.request.profile !== undefined ? <code>{state.request.profile}</code> : 'none named (the SDK’s default chain)'}
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
    <AppFrame rail={<StepRail items={items} activeId={page} onSelect={(id) => dispatch({ type: 'go', page: id as WizardPage })} />} headerExtra={headerExtra}>
      <OutsideConfirmationNotice />
      <UnfinishedRotationBanner onOpen={openRotation} />
      {page === 'start' && (
        <StartPage onDiagnose={diagnose} busy={running} draft={wizard.draft} onDraftChange={(change) => dispatch({ type: 'edit-draft', change })} />
      )}
      {page === 'profiles' && <ProfilesScreen />}
      {page === 'summary' && <SummaryPage state={state} fixHandlers={fixHandlers} onRerun={rerun} />}
      {page === 'renew' && (
        <StepPage
          step="renew"
          state={state}
          fixHandlers={fixHandlers}
          view={viewOf('renew')}
          extra={
            wizard.rotationProfile ? (
              <RotationScreen key={wizard.rotationProfile} profile={wizard.rotationProfile} onClose={() => dispatch({ type: 'close-rotation' })} />
            ) : null
          }
        />
      )}
      {page === 'cluster' && (
        <StepPage step="cluster" state={state} fixHandlers={fixHandlers} view={viewOf('cluster')} extra={<ClusterTools state={state} />} />
      )}
      {wizard.signInProfile && <SsoSignInDialog profile={wizard.signInProfile} onClose={() => dispatch({ type: 'close-sso-sign-in' })} onSignedIn={rerun} />}
      {page !== 'start' && page !== 'profiles' && page !== 'summary' && page !== 'renew' && page !== 'cluster' && (
        <StepPage step={page} state={state} fixHandlers={fixHandlers} view={viewOf(page)} />
      )}
      {wizard.fileFix && <FileFixDialog fix={wizard.fileFix} onClose={() => dispatch({ type: 'close-file-fix' })} onApplied={() => undefined} />}
      {state.phase === 'failed' && (
        <Text c="red" role="alert" mt="md">
          The diagnosis could not run: {state.message}
        </Text>
      )}
    </AppFrame>
  );
}
