import { Code, Group, Paper, Stack, Text } from '@mantine/core';
import type { Fix } from '../../../shared/model/diagnosis';
import { EvidenceTable } from './evidence-table';
import { FixActions, type FixHandlers } from './fix-actions';
import type { LiveProbe } from './run-reducer';
import { StatusBadge } from './status-badge';

/** Where a command or policy shows in full, so the user reads it before copying it. */
function FixPreviews({ fixes }: { fixes: readonly Fix[] }) {
  const texts = fixes.flatMap((fix) =>
    fix.kind === 'copy-command' || fix.kind === 'refresh-command' ? [fix.command] : fix.kind === 'copy-policy' ? [fix.json] : [],
  );
  if (texts.length === 0) return null;
  return (
    <Stack gap={4}>
      {texts.map((text, index) => (
        <Code key={index} block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {text}
        </Code>
      ))}
    </Stack>
  );
}

/** One probe: its status in words, its verdict, the evidence, and its fixes. */
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
