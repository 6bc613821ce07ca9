import { Badge } from '@mantine/core';
import type { JSX } from 'react';
import type { FindingSeverity } from '../../../shared/model/finding';

const looks: Record<FindingSeverity, { color: string; symbol: string; label: string }> = {
  error: { color: 'red', symbol: '✕', label: 'Error' },
  warning: { color: 'yellow', symbol: '!', label: 'Warning' },
  info: { color: 'blue', symbol: 'i', label: 'Info' },
};

/** A severity as a symbol, a word and a colour, so colour is never the only signal. */
export function SeverityBadge({ severity, count }: { severity: FindingSeverity | null; count?: number }): JSX.Element {
  if (severity === null) {
    return (
      <Badge color="green" variant="light" leftSection={<span aria-hidden="true">✓</span>}>
        No findings
      </Badge>
    );
  }
  const look = looks[severity];
  return (
    <Badge color={look.color} variant="light" leftSection={<span aria-hidden="true">{look.symbol}</span>}>
      {count === undefined ? look.label : `${count} ${count === 1 ? 'finding' : 'findings'} · worst: ${look.label.toLowerCase()}`}
    </Badge>
  );
}
