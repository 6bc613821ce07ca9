import { Alert, Badge, Button, Checkbox, Code, Group, List, Loader, Modal, NumberInput, Radio, Stack, Text, TextInput, Timeline, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  oldKeyDecisionWords,
  type DeleteOldChoice,
  type RecoverAction,
  type RotationEvent,
  type RotationOutcome,
  type RotationPlan,
  type RotationQuestion,
  type RotationStep,
  type UnfinishedRotation,
} from '../../../shared/model/rotation';
import { useApi } from '../hooks/use-api';
import { initialRotationRun, rotationRunReducer, type RotationRunState, type StepRowStatus } from './rotation-run-reducer';

/** Where the screen is: a tagged union, rendered by an exhaustive switch (STYLE habit 5). */
type ScreenState =
  | { kind: 'loading' }
  | { kind: 'plan'; plan: RotationPlan; unfinished: UnfinishedRotation[] }
  | { kind: 'starting'; plan: RotationPlan | null }
  | { kind: 'running'; runId: string; plannedSteps: RotationStep[] }
  | { kind: 'error'; message: string };

function assertNever(value: never): never {
  throw new Error(`Unhandled screen state: ${JSON.stringify(value)}`);
}

const resultColor: Record<RotationOutcome['result'], string> = { rotated: 'green', 'rolled-back': 'yellow', failed: 'red', refused: 'gray' };
const resultTitle: Record<RotationOutcome['result'], string> = {
  rotated: 'Key rotated',
  'rolled-back': 'Rolled back — your old key still works',
  failed: 'Stopped — see what is left',
  refused: 'Not rotated — nothing was changed',
};

/** What the user chose on the plan. */
interface StartOptions {
  deleteOld: DeleteOldChoice;
  graceDays: number;
  deleteOtherKey: boolean;
  updateSharedProfiles: boolean;
}

function unfinishedTitle(entry: UnfinishedRotation): string {
  if (entry.deletionDue) return 'A scheduled deletion is due';
  if (entry.phase === 'awaiting-grace') return `An old key is scheduled for deletion after ${entry.deleteAfter ?? 'its grace period'}`;
  return 'An earlier rotation did not finish';
}

/** The plan, before anything happens: what will be done, the choices, and why it may not be possible. */
function PlanView({
  plan,
  unfinished,
  onStart,
  onRecover,
  onClose,
}: {
  plan: RotationPlan;
  unfinished: UnfinishedRotation[];
  onStart(options: StartOptions): void;
  onRecover(journalId: string, action: RecoverAction): void;
  onClose(): void;
}) {
  const [deleteOld, setDeleteOld] = useState<DeleteOldChoice>('no');
  const [graceDays, setGraceDays] = useState(7);
  const [deleteOtherKey, setDeleteOtherKey] = useState(false);
  const [updateSharedProfiles, setUpdateSharedProfiles] = useState(true);
  const blockedByOtherKey = plan.otherKeyChoiceRequired && !deleteOtherKey;
  return (
    <Stack>
      {unfinished.map((entry) => (
        <Alert key={entry.journalId} color="orange" title={unfinishedTitle(entry)} role="alert">
          <Text size="sm">
            Profile {entry.profile}, started {entry.startedAt}, stopped at “{entry.phase}”. Old key {entry.maskedOldKeyId}
            {entry.maskedNewKeyId ? `, new key ${entry.maskedNewKeyId}` : ''}.
          </Text>
          <Text size="sm">Finish: {entry.finishMeans}</Text>
          <Text size="sm">Undo: {entry.undoMeans}</Text>
          <Group mt="xs">
            <Button size="xs" onClick={() => onRecover(entry.journalId, 'finish')}>
              Finish
            </Button>
            <Button size="xs" variant="default" onClick={() => onRecover(entry.journalId, 'undo')}>
              Undo
            </Button>
          </Group>
        </Alert>
      ))}
      {plan.refusal && (
        <Alert color="gray" title="This profile cannot be rotated here" role="alert">
          <Text size="sm">{plan.refusal.message}</Text>
          <Text size="sm" mt="xs">
            Instead: {plan.refusal.instead}
          </Text>
        </Alert>
      )}
      {plan.ready && (
        <>
          <Text size="sm">
            IAM user <b>{plan.userName}</b>, current key <b>{plan.currentKey?.maskedKeyId}</b>
            {plan.currentKey?.ageDays != null ? ` (${plan.currentKey.ageDays} days old)` : ''}, in <code>{plan.credentialsFile}</code>.
          </Text>
          {plan.mfaRequired && (
            <Alert color="blue" title="MFA needed">
              IAM asks for MFA before it lists or changes keys; you will be asked for a code from {plan.mfaSerial ?? 'your MFA device'}.
            </Alert>
          )}
          {plan.warnings.map((warning) => (
            <Alert key={warning} color="yellow">
              {warning}
            </Alert>
          ))}
          <Title order={4}>What will happen</Title>
          <List type="ordered" spacing="xs" size="sm" aria-label="Rotation plan">
            {plan.steps.map((step) => (
              <List.Item key={step.step}>{step.description}</List.Item>
            ))}
          </List>
          {plan.otherKey && plan.otherKeyChoiceRequired && (
            <Checkbox
              checked={deleteOtherKey}
              onChange={(event) => setDeleteOtherKey(event.currentTarget.checked)}
              label={`Delete the inactive second key ${plan.otherKey.maskedKeyId} first (IAM allows two keys per user). You will be asked to confirm.`}
            />
          )}
          {plan.sharedWith.length > 0 && (
            <Checkbox
              checked={updateSharedProfiles}
              onChange={(event) => setUpdateSharedProfiles(event.currentTarget.checked)}
              label={`Also write the new key into ${plan.sharedWith.join(', ')}, which hold the same key (otherwise they stop working once the old key is deactivated)`}
            />
          )}
          <Radio.Group value={deleteOld} onChange={(value) => setDeleteOld(value as DeleteOldChoice)} label="Then, with the old key">
            <Stack gap="xs" mt="xs">
              <Radio value="no" label="Keep it, inactive (AWS recommends this: re-activate it if something still needs it)" />
              <Radio value="after-grace" label="Offer to delete it after a grace period" />
              <Radio value="now" label="Delete it right away (you will be asked to confirm)" />
            </Stack>
          </Radio.Group>
          {deleteOld === 'after-grace' && (
            <NumberInput
              label="Grace period, in days"
              min={0}
              max={365}
              value={graceDays}
              onChange={(value) => setGraceDays(typeof value === 'number' ? value : 7)}
              w={200}
            />
          )}
        </>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Close
        </Button>
        {plan.ready && (
          <Button disabled={blockedByOtherKey} onClick={() => onStart({ deleteOld, graceDays, deleteOtherKey, updateSharedProfiles })}>
            Rotate the key
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** The MFA code a run waits on; the page sends only the code. */
function MfaDialog({ question, onAnswer }: { question: RotationQuestion; onAnswer(answer: boolean, mfaCode?: string): void }) {
  const [code, setCode] = useState('');
  return (
    <Modal opened onClose={() => onAnswer(false)} title="MFA code" centered>
      <Stack>
        <Text size="sm">{question.message}</Text>
        <TextInput
          label="MFA code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ''))}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onAnswer(false)}>
            Stop
          </Button>
          <Button disabled={!/^\d{6}$/.test(code)} onClick={() => onAnswer(true, code)}>
            Continue
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A deletion waits on main's question: the app's own dialog, or the terminal in browser mode (a page cannot answer for the person). */
function ConfirmationNotice({ question }: { question: RotationQuestion }) {
  return (
    <Alert color="yellow" title="Waiting for your answer" role="status" aria-label="Waiting for your answer">
      {question.message} Answer where the app asks: its own dialog, or the terminal where mdb-doctor ui runs.
    </Alert>
  );
}

/** The end of a run: the result, the new masked key, and anything left with its cleanup command. */
function OutcomeView({ outcome }: { outcome: RotationOutcome }) {
  return (
    <Alert color={resultColor[outcome.result]} title={resultTitle[outcome.result]} role="status">
      <Stack gap="xs">
        <Text size="sm">{outcome.message}</Text>
        {outcome.result === 'rotated' && outcome.maskedNewKeyId && (
          <Text size="sm">
            New key: <b>{outcome.maskedNewKeyId}</b>
            {outcome.oldKeyDecision
              ? ` · ${oldKeyDecisionWords[outcome.oldKeyDecision]}: ${outcome.maskedOldKeyId}`
              : outcome.oldKeyState
                ? ` · old key ${outcome.maskedOldKeyId}: ${outcome.oldKeyState}`
                : ''}
          </Text>
        )}
        {outcome.backupPath && (
          <Text size="sm">
            The previous file is saved as <code>{outcome.backupPath}</code>.
          </Text>
        )}
        {outcome.updatedProfiles.length > 0 && <Text size="sm">Also updated (same key): {outcome.updatedProfiles.join(', ')}</Text>}
        {outcome.leftovers.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              Left in IAM, and the command that cleans it up (`aws iam list-access-keys` shows the full key id):
            </Text>
            {outcome.leftovers.map((leftover) => (
              <Stack key={`${leftover.maskedKeyId}-${leftover.command}`} gap={2}>
                <Text size="sm">
                  {leftover.maskedKeyId} ({leftover.status}): {leftover.note}
                </Text>
                <Code block>{leftover.command}</Code>
              </Stack>
            ))}
          </>
        )}
      </Stack>
    </Alert>
  );
}

const stepLabels: Record<RotationStep, string> = {
  preflight: 'Check the profile and the keys',
  'delete-other-key': 'Delete the inactive second key',
  'create-key': 'Create the new key',
  'write-file': 'Write it into the credentials file',
  verify: 'Check that AWS accepts it',
  'deactivate-old': 'Deactivate the old key',
  'delete-old': 'Delete the old key',
};

const rowLooks: Record<StepRowStatus, { color: string; symbol: string; label: string }> = {
  pending: { color: 'gray', symbol: '○', label: 'Pending' },
  running: { color: 'blue', symbol: '…', label: 'Running' },
  done: { color: 'green', symbol: '✓', label: 'Done' },
  failed: { color: 'red', symbol: '✕', label: 'Failed' },
  'rolled-back': { color: 'yellow', symbol: '↺', label: 'Rolled back' },
  kept: { color: 'gray', symbol: '–', label: 'Kept' },
  scheduled: { color: 'blue', symbol: '◷', label: 'Scheduled' },
};

/** The live run: one row per step, updated in place, the question it waits on, and the outcome. */
function RunView({ run, onClose }: { run: RotationRunState; onClose(): void }) {
  const api = useApi();
  const { runId, rows, question, outcome, stoppedWith } = run;
  const [answered, setAnswered] = useState<RotationEvent | null>(null);
  const finished = outcome !== null || stoppedWith !== null;
  return (
    <Stack>
      <Timeline active={rows.filter((row) => row.status !== 'pending').length - 1} bulletSize={22} lineWidth={2} aria-label="Rotation progress">
        {rows.map((row) => {
          const look = rowLooks[row.status];
          return (
            <Timeline.Item
              key={row.step}
              color={look.color}
              bullet={<span aria-hidden="true">{look.symbol}</span>}
              title={
                <Group gap="xs">
                  <Text fw={600} size="sm">
                    {row.summary ?? stepLabels[row.step]}
                  </Text>
                  <Badge size="sm" variant="light" color={look.color}>
                    {look.label}
                  </Badge>
                </Group>
              }
              data-step={row.step}
            >
              {row.details.map((detail) => (
                <Text key={detail} size="sm" c="dimmed">
                  {detail}
                </Text>
              ))}
            </Timeline.Item>
          );
        })}
      </Timeline>
      {!finished && (
        <Group>
          <Loader size="sm" aria-label="Rotating" />
          <Button variant="default" size="xs" onClick={() => void api.cancelRotation({ runId })}>
            Cancel
          </Button>
        </Group>
      )}
      {question && question.kind !== 'mfa-code' && <ConfirmationNotice question={question} />}
      {question && question.kind === 'mfa-code' && answered !== run.questionEvent && (
        <MfaDialog
          question={question}
          onAnswer={(answer, mfaCode) => {
            setAnswered(run.questionEvent);
            void api.confirmRotation({ runId, answer, ...(mfaCode ? { mfaCode } : {}) });
          }}
        />
      )}
      {outcome && <OutcomeView outcome={outcome} />}
      {stoppedWith !== null && outcome === null && (
        <Alert color="red" title="The rotation stopped" role="alert">
          {stoppedWith}
        </Alert>
      )}
      {finished && (
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      )}
    </Stack>
  );
}

/**
 * The rotation screen, reachable from the wizard's Renew step: shows the plan before
 * anything happens, each step live, confirmations before any deletion, MFA prompts, and the
 * outcome with the new masked key id. It also offers to finish or undo an interrupted run.
 */
export function RotationScreen({ profile, onClose }: { profile: string; onClose(): void }) {
  const api = useApi();
  const [state, setState] = useState<ScreenState>({ kind: 'loading' });
  const [events, setEvents] = useState<RotationEvent[]>([]);

  // Events can arrive before startRotation's answer, so every event is kept and filtered by run id.
  useEffect(() => api.onRotationEvent((event) => setEvents((previous) => [...previous, event])), [api]);

  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let live = true;
    void Promise.all([api.rotationPreflight({ profile }), api.findUnfinishedRotation({})]).then(([plan, unfinished]) => {
      if (!live) return;
      if (!plan.ok) setState({ kind: 'error', message: plan.error.message });
      else setState({ kind: 'plan', plan: plan.value, unfinished: unfinished.ok ? unfinished.value.rotations : [] });
    });
    return () => {
      live = false;
    };
  }, [api, profile, reloads]);

  async function start(plan: RotationPlan, options: StartOptions) {
    setState({ kind: 'starting', plan });
    const result = await api.startRotation({
      profile,
      deleteOld: options.deleteOld,
      ...(options.deleteOld === 'after-grace' ? { graceDays: options.graceDays } : {}),
      ...(plan.otherKeyChoiceRequired ? { otherKeyAction: options.deleteOtherKey ? 'delete' : 'stop' } : {}),
      ...(plan.sharedWith.length > 0 ? { updateSharedProfiles: options.updateSharedProfiles } : {}),
    });
    setState(
      result.ok
        ? { kind: 'running', runId: result.value.runId, plannedSteps: plan.steps.map((entry) => entry.step) }
        : { kind: 'error', message: result.error.message },
    );
  }

  async function recover(journalId: string, action: RecoverAction) {
    setState({ kind: 'starting', plan: null });
    const result = await api.recoverRotation({ journalId, action });
    setState(result.ok ? { kind: 'running', runId: result.value.runId, plannedSteps: [] } : { kind: 'error', message: result.error.message });
  }

  function body() {
    switch (state.kind) {
      case 'loading':
        return <Loader aria-label="Checking the profile" />;
      case 'plan':
        return (
          <PlanView
            plan={state.plan}
            unfinished={state.unfinished}
            onStart={(options) => void start(state.plan, options)}
            onRecover={(id, action) => void recover(id, action)}
            onClose={onClose}
          />
        );
      case 'starting':
        return <Loader aria-label="Starting" />;
      case 'running':
        return <RunView run={events.reduce(rotationRunReducer, initialRotationRun(state.runId, state.plannedSteps))} onClose={onClose} />;
      case 'error':
        return (
          <Alert color="red" title="Could not rotate" role="alert">
            {state.message}
            <Group mt="xs">
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setState({ kind: 'loading' });
                  setReloads((count) => count + 1);
                }}
              >
                Try again
              </Button>
              <Button size="xs" variant="default" onClick={onClose}>
                Close
              </Button>
            </Group>
          </Alert>
        );
      default:
        return assertNever(state);
    }
  }

  return (
    <Stack aria-label={`Rotate the access key of ${profile}`} role="region">
      <Group>
        <Title order={3}>Rotate the access key of {profile}</Title>
        <Badge variant="light">IAM</Badge>
      </Group>
      {body()}
    </Stack>
  );
}
