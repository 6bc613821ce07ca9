import { Badge, Loader } from '@mantine/core';
import type { LiveStepStatus } from './run-reducer';

const looks: Record<LiveStepStatus, { color: string; symbol: string; label: string }> = {
  pending: { color: 'gray', symbol: '○', label: 'Pending' },
  running: { color: 'blue', symbol: '', label: 'Running' },
  pass: { color: 'green', symbol: '✓', label: 'Pass' },
  warn: { color: 'yellow', symbol: '!', label: 'Warning' },
  fail: { color: 'red', symbol: '✕', label: 'Fail' },
  skipped: { color: 'gray', symbol: '–', label: 'Skipped' },
  blocked: { color: 'gray', symbol: '⋯', label: 'Blocked' },
  unknown: { color: 'orange', symbol: '?', label: 'Unknown' },
};

/** The words for a status, so colour is never the only signal. */
export function statusLabel(status: LiveStepStatus): string {
  return looks[status].label;
}

/** A status as a symbol, a word and a colour. */
export function StatusBadge({ status }: { status: LiveStepStatus }) {
  const look = looks[status];
  return (
    <Badge
      color={look.color}
      variant="light"
      leftSection={status === 'running' ? <Loader size={10} color={look.color} aria-hidden="true" /> : <span aria-hidden="true">{look.symbol}</span>}
    >
      {look.label}
    </Badge>
  );
}

/** The symbol alone, for the rail, where the word stands beside it (so the symbol is hidden from screen readers). */
export function StatusIcon({ status }: { status: LiveStepStatus }) {
  const look = looks[status];
  if (status === 'running') return <Loader size={14} aria-hidden="true" />;
  return (
    <Badge circle size="sm" color={look.color} variant={status === 'pending' ? 'outline' : 'filled'} aria-hidden="true">
      {look.symbol}
    </Badge>
  );
}
