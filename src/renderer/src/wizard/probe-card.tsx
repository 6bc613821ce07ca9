import { Group, Paper, Stack, Text } from '@mantine/core';
import { FixPreviews } from './cause-card';
import { EvidenceTable } from './evidence-table';
import { FixActions, type FixHandlers } from './fix-actions';
import type { LiveProbe } from './run-reducer';
import { StatusBadge } from './status-badge';

/** One probe: its status in words, its verdict, the evidence it gathered and its own fixes. */
export function ProbeCard({ probe, fixHandlers }: { probe: LiveProbe; fixHandlers: FixHandlers }) {
  const result = probe.state === 'finished' ? probe.result : null;
  return (
    <Paper withBorder p="sm" component="section" aria-label={probe.title}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>{probe.title}</Text>
          <StatusBadge status={result ? result.status : 'running'} />
        </Group>
        <Text size="sm">{result ? result.verdict : 'Checking…'}</Text>
        {result && <EvidenceTable evidence={result.evidence} caption={`Evidence for ${probe.title}`} />}
        {result && <FixPreviews fixes={result.fixes} />}
        {result && <FixActions fixes={result.fixes} handlers={fixHandlers} />}
      </Stack>
    </Paper>
  );
}
