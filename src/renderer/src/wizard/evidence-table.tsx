import { List, Table, Text } from '@mantine/core';
import type { Evidence } from '../../../shared/model/diagnosis';
import { BreakableId } from './breakable-id';

const callColumns = [
  { key: 'request', label: 'Request', code: true },
  { key: 'errorName', label: 'Error', code: true },
  { key: 'httpStatus', label: 'HTTP', code: false },
  { key: 'requestId', label: 'Request id', code: true },
] as const;

function EvidenceText({ item }: { item: Evidence }) {
  return (
    <>
      <Text size="sm">{item.label}</Text>
      {item.message && (
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
          {item.message}
        </Text>
      )}
    </>
  );
}

/**
 * The calls made and what AWS answered, one row each, with only the columns some row fills;
 * evidence that is not a call (a file, a setting) reads as a plain list. Secrets never reach
 * the renderer.
 */
export function EvidenceTable({ evidence, caption }: { evidence: readonly Evidence[]; caption: string }) {
  if (evidence.length === 0) return null;
  const columns = callColumns.filter((column) => evidence.some((item) => item[column.key] !== undefined));
  if (columns.length === 0) {
    return (
      <List size="sm" spacing={2} aria-label={caption}>
        {evidence.map((item, index) => (
          <List.Item key={`${item.label}-${index}`}>
            <EvidenceText item={item} />
          </List.Item>
        ))}
      </List>
    );
  }
  return (
    // No scroll container: cells wrap (ids only after their separators), so the table fits an
    // 800 px window and nothing needs a keyboard-unreachable scroll region.
    <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={caption}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Evidence</Table.Th>
          {columns.map((column) => (
            <Table.Th key={column.key}>{column.label}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {evidence.map((item, index) => (
          <Table.Tr key={`${item.label}-${index}`}>
            <Table.Td>
              <EvidenceText item={item} />
            </Table.Td>
            {columns.map((column) => {
              const value = item[column.key];
              return <Table.Td key={column.key}>{value === undefined ? '—' : column.code ? <BreakableId value={String(value)} /> : value}</Table.Td>;
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
