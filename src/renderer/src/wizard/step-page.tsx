import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Cause, Evidence, Fix, StepId } from '../../../shared/model/diagnosis';
import { CauseCard } from './cause-card';
import { EvidenceTable } from './evidence-table';
import { FixButton, type FixHandlers } from './fix-actions';
import { ProbeCard } from './probe-card';
import { liveStepStatus, type LiveProbe, type RunState } from './run-reducer';
import { StatusBadge } from './status-badge';
import { stepById } from './steps';

/**
 * The page's one primary action: the first fix of its root (or first) cause. A later cause's
 * fix is not promoted (it often answers a consequence: "write keys" under a misnamed header);
 * only a step with no cause takes the first fix of its first failing probe.
 */
function primaryFixOf(causes: readonly Cause[], probes: readonly LiveProbe[]): Fix | undefined {
  if (causes.length > 0) return causes[0]!.fixes[0];
  for (const probe of probes) {
    if (probe.state === 'finished' && (probe.result.status === 'fail' || probe.result.status === 'warn') && probe.result.fixes[0]) return probe.result.fixes[0];
  }
  return undefined;
}

/** Evidence the causes carry that no probe card shows already: each table appears once. */
function causeOnlyEvidence(causes: readonly Cause[], probes: readonly LiveProbe[]): Evidence[] {
  const shown = new Set(probes.flatMap((probe) => (probe.state === 'finished' ? probe.result.evidence.map((item) => JSON.stringify(item)) : [])));
  const extra = new Map<string, Evidence>();
  for (const item of causes.flatMap((cause) => cause.evidence)) {
    const key = JSON.stringify(item);
    if (!shown.has(key)) extra.set(key, item);
  }
  return [...extra.values()];
}

/** Where the person is on the page: what they opened, and where a blocked step sends them. */
export interface StepPageView {
  evidenceOpen: boolean;
  onToggleEvidence(): void;
  onGo(step: StepId): void;
}

const closedView: StepPageView = { evidenceOpen: false, onToggleEvidence: () => undefined, onGo: () => undefined };

/**
 * One step of the wizard, read top to bottom like a doctor's note: the verdict in one
 * sentence, at most one primary action, the causes in plain words, and the evidence (every
 * probe and what AWS answered) behind "Show evidence".
 */
export function StepPage({
  step,
  state,
  fixHandlers,
  extra,
  view = closedView,
}: {
  step: StepId;
  state: RunState;
  fixHandlers: FixHandlers;
  extra?: ReactNode;
  view?: StepPageView;
}) {
  const definition = stepById(step);
  const status = liveStepStatus(state, step);
  const summary = state.phase === 'done' ? state.report.steps.find((candidate) => candidate.step === step) : undefined;
  const rootCause = state.phase === 'done' ? state.report.rootCause : null;
  const causes = state.phase === 'done' ? state.report.causes.filter((cause) => cause.step === step) : [];
  const ordered = [...causes].sort((a, b) => Number(b.id === rootCause) - Number(a.id === rootCause));
  const probes = state.phase === 'running' || state.phase === 'done' ? state.probes.filter((probe) => probe.step === step) : [];
  const running = probes.filter((probe) => probe.state === 'running');
  const finished = probes.filter((probe) => probe.state === 'finished');
  const blockedBy = summary?.status === 'blocked' ? summary.blockedBy : undefined;
  const primary = blockedBy ? undefined : primaryFixOf(ordered, probes);
  const extraEvidence = causeOnlyEvidence(ordered, probes);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{definition.label}</Title>
        <StatusBadge status={status} />
      </Group>
      {state.phase === 'idle' && <Alert color="gray">Choose a profile on the Start page and press Diagnose to check this step.</Alert>}
      {(state.phase === 'starting' || (state.phase === 'running' && !summary)) && (
        <Text size="lg" role="status">
          Checking…
        </Text>
      )}
      {summary && (
        <Text size="lg" fw={600} role="status">
          {summary.summary}
        </Text>
      )}
      {blockedBy && (
        <Group>
          <Button size="sm" variant="default" onClick={() => view.onGo(blockedBy)}>
            Go to {stepById(blockedBy).label}
          </Button>
        </Group>
      )}
      {primary && (
        <Group data-primary-action>
          <FixButton fix={primary} handlers={fixHandlers} primary />
        </Group>
      )}
      <Text size="sm" c="dimmed">
        {definition.why}
      </Text>
      {ordered.map((cause) => (
        <CauseCard
          key={cause.id}
          cause={cause}
          fixHandlers={fixHandlers}
          isRoot={cause.id === rootCause}
          skipFix={primary}
          saidAbove={cause.summary === summary?.summary}
          profile={state.phase === 'done' ? state.report.profile : undefined}
        />
      ))}
      {state.phase === 'done' && probes.length === 0 && <Text c="dimmed">Nothing was checked in this step for this profile.</Text>}
      {running.map((probe) => (
        <ProbeCard key={probe.id} probe={probe} fixHandlers={fixHandlers} />
      ))}
      {finished.length > 0 && (
        <Stack gap="sm">
          <Group>
            <Button size="xs" variant="subtle" aria-expanded={view.evidenceOpen} onClick={view.onToggleEvidence}>
              {view.evidenceOpen ? 'Hide evidence' : `Show evidence (${finished.length} check${finished.length === 1 ? '' : 's'})`}
            </Button>
          </Group>
          {view.evidenceOpen && (
            <Stack gap="sm">
              {finished.map((probe) => (
                <ProbeCard key={probe.id} probe={probe} fixHandlers={fixHandlers} />
              ))}
              <EvidenceTable evidence={extraEvidence} caption={`Further evidence for ${definition.label}`} />
            </Stack>
          )}
        </Stack>
      )}
      {extra}
    </Stack>
  );
}
