import { Table, Text } from '@mantine/core';
import type { Evidence } from '../../../shared/model/diagnosis';

/** The calls made and what AWS answered, one row each; secrets never reach the renderer. */
export function EvidenceTable({ evidence, caption }: { evidence: readonly Evidence[]; caption: string }) {
  if (evidence.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Evidence</Table.Th>
            <Table.Th>Request</Table.Th>
            <Table.Th>Error</Table.Th>
            <Table.Th>HTTP</Table.Th>
            <Table.Th>Request id</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {evidence.map((item, index) => (
            <Table.Tr key={`${item.label}-${index}`}>
              <Table.Td>
                <Text size="sm">{item.label}</Text>
                {item.message && (
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                    {item.message}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{item.request ? <code>{item.request}</code> : '—'}</Table.Td>
              <Table.Td>{item.errorName ? <code>{item.errorName}</code> : '—'}</Table.Td>
              <Table.Td>{item.httpStatus ?? '—'}</Table.Td>
              <Table.Td>{item.requestId ? <code style={{ fontSize: '0.75em' }}>{item.requestId}</code> : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
