import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import type { Cause } from '../../../shared/model/diagnosis';
import { EvidenceTable } from './evidence-table';
import { FixActions, type FixHandlers } from './fix-actions';

/** A named cause: its stable id, what it means here, the evidence and the fixes. */
export function CauseCard({ cause, fixHandlers, isRoot = false }: { cause: Cause; fixHandlers: FixHandlers; isRoot?: boolean }) {
  const color = cause.severity === 'error' ? 'red' : 'yellow';
  return (
    <Alert
      color={color}
      variant="light"
      title={
        <Group gap="xs">
          {isRoot && <Badge color="red">Root cause</Badge>}
          <Badge variant="outline" color={color}>
            {cause.severity === 'error' ? 'Error' : 'Warning'}
          </Badge>
          <code>{cause.id}</code>
        </Group>
      }
    >
      <Stack gap="xs">
        <Text size="sm">{cause.summary}</Text>
        <EvidenceTable evidence={cause.evidence} caption={`Evidence for ${cause.id}`} />
        <FixActions fixes={cause.fixes} handlers={fixHandlers} />
      </Stack>
    </Alert>
  );
}
