import { Alert, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { environmentCredentialSource, type DiagnosisReport, type ExportFormat } from '../../../shared/model/diagnosis';
import { useApi } from '../hooks/use-api';
import { CauseCard } from './cause-card';
import type { FixHandlers } from './fix-actions';
import { compareRuns, hasChanges } from './run-changes';
import type { RunState } from './run-reducer';

function ChangesSinceLastRun({ before, after }: { before: DiagnosisReport; after: DiagnosisReport }) {
  const changes = compareRuns(before, after);
  if (!hasChanges(changes)) {
    return (
      <Alert color="gray" title="Since the last run">
        Nothing changed.
      </Alert>
    );
  }
  return (
    <Alert color="blue" title="Since the last run">
      <List size="sm">
        {changes.resolved.map((id) => (
          <List.Item key={`resolved-${id}`}>
            Resolved: <code>{id}</code>
          </List.Item>
        ))}
        {changes.appeared.map((id) => (
          <List.Item key={`new-${id}`}>
            New: <code>{id}</code>
          </List.Item>
        ))}
        {changes.steps.map((step) => (
          <List.Item key={`step-${step.step}`}>
            {step.step}: {step.before} → {step.after}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Whose keys the run checked: a profile, or the keys in the environment (no profile of that name need exist). */
function Subject({ report, start }: { report: DiagnosisReport; start: boolean }) {
  if (report.target.credentialSource === environmentCredentialSource) {
    const keys = `keys in the environment (AWS_ACCESS_KEY_ID${report.target.maskedKeyId ? ` ${report.target.maskedKeyId}` : ''})`;
    return <>{start ? `The ${keys}` : `the ${keys}`}</>;
  }
  return (
    <>
      {start ? 'Profile' : 'profile'} <code>{report.profile}</code>
    </>
  );
}

/** The end of the wizard: root cause first, then the rest, and a redacted report to share. */
export function SummaryPage({ state, fixHandlers, onRerun }: { state: RunState; fixHandlers: FixHandlers; onRerun(): void }) {
  const api = useApi();
  if (state.phase !== 'done') {
    return (
      <Stack>
        <Title order={2}>Summary</Title>
        <Text>{state.phase === 'running' || state.phase === 'starting' ? 'The diagnosis is still running…' : 'Run a diagnosis to see its summary.'}</Text>
      </Stack>
    );
  }
  const { report, runId } = state;
  const ordered = [...report.causes].sort((a, b) => Number(b.id === report.rootCause) - Number(a.id === report.rootCause));

  async function exportAs(format: ExportFormat) {
    const result = await api.exportDiagnosis({ runId, format });
    if (!result.ok) notifications.show({ title: 'Export failed', message: result.error.message, color: 'red' });
    else if (result.value.savedTo) notifications.show({ message: `Saved to ${result.value.savedTo}`, color: 'green' });
  }

  async function copyMarkdown() {
    const rendered = await api.exportDiagnosis({ report, format: 'markdown' });
    if (!rendered.ok) {
      notifications.show({ title: 'Could not render the report', message: rendered.error.message, color: 'red' });
      return;
    }
    const copied = await api.copyText({ text: rendered.value.text });
    notifications.show(
      copied.ok
        ? { message: 'The report is on the clipboard, with every secret redacted.', color: 'green' }
        : { title: 'Could not copy', message: copied.error.message, color: 'red' },
    );
  }

  return (
    <Stack>
      <Title order={2}>Summary</Title>
      {report.cancelled && <Alert color="orange">The run was cancelled; what is below is what had finished.</Alert>}
      {ordered.length === 0 ? (
        <Alert color="green" title="No problem found" role="status">
          <Subject report={report} start />{' '}
          {report.target.credentialSource === environmentCredentialSource
            ? 'sign in, reach MemoryDB and may do what they need.'
            : 'signs in, reaches MemoryDB and may do what it needs.'}
        </Alert>
      ) : (
        <Text role="status">
          {ordered.length} {ordered.length === 1 ? 'cause' : 'causes'} found for <Subject report={report} start={false} />; fix the first one first.
        </Text>
      )}
      {ordered.map((cause) => (
        <CauseCard key={cause.id} cause={cause} fixHandlers={fixHandlers} isRoot={cause.id === report.rootCause} profile={report.profile} />
      ))}
      {state.previous && state.previous.profile === report.profile && <ChangesSinceLastRun before={state.previous} after={report} />}
      <Group>
        <Button onClick={() => void exportAs('markdown')}>Export report (Markdown)</Button>
        <Button variant="light" onClick={() => void exportAs('json')}>
          Export report (JSON)
        </Button>
        <Button variant="default" onClick={() => void copyMarkdown()}>
          Copy as Markdown
        </Button>
        <Button variant="default" onClick={onRerun}>
          Run again
        </Button>
      </Group>
    </Stack>
  );
}
