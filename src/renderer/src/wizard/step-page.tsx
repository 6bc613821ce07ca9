import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { StepId } from '../../../shared/model/diagnosis';
import { CauseCard } from './cause-card';
import type { FixHandlers } from './fix-actions';
import { ProbeCard } from './probe-card';
import { liveStepStatus, type RunState } from './run-reducer';
import { StatusBadge } from './status-badge';
import { stepById } from './steps';

/** One step of the wizard: why it matters, its verdict, the causes it found, and every probe. */
export function StepPage({ step, state, fixHandlers, extra }: { step: StepId; state: RunState; fixHandlers: FixHandlers; extra?: ReactNode }) {
  const definition = stepById(step);
  const status = liveStepStatus(state, step);
  const summary = state.phase === 'done' ? state.report.steps.find((candidate) => candidate.step === step)?.summary : undefined;
  const causes = state.phase === 'done' ? state.report.causes.filter((cause) => cause.step === step) : [];
  const rootCause = state.phase === 'done' ? state.report.rootCause : null;
  const probes = state.phase === 'running' || state.phase === 'done' ? state.probes.filter((probe) => probe.step === step) : [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{definition.label}</Title>
        <StatusBadge status={status} />
      </Group>
      <Text>{definition.why}</Text>
      {state.phase === 'idle' && <Alert color="gray">Choose a profile on the Start page and press Diagnose to check this step.</Alert>}
      {summary && (
        <Text fw={600} role="status">
          {summary}
        </Text>
      )}
      {causes.map((cause) => (
        <CauseCard key={cause.id} cause={cause} fixHandlers={fixHandlers} isRoot={cause.id === rootCause} />
      ))}
      {probes.length > 0 && (
        <Stack gap="sm">
          <Title order={3} size="h5">
            What was checked
          </Title>
          {probes.map((probe) => (
            <ProbeCard key={probe.id} probe={probe} fixHandlers={fixHandlers} />
          ))}
        </Stack>
      )}
      {state.phase === 'done' && probes.length === 0 && <Text c="dimmed">Nothing was checked in this step for this profile.</Text>}
      {extra}
    </Stack>
  );
}
