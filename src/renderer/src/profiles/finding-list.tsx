import { Alert, Button, Code, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState, type JSX } from 'react';
import type { Finding, FindingLocation } from '../../../shared/model/finding';
import type { FixPreview } from '../../../shared/model/profile';
import { useApi } from '../hooks/use-api';
import { SeverityBadge } from './severity-badge';

/** Where a finding points, in words a user can find in their editor. */
export function describeLocation(location: FindingLocation | null): string | null {
  if (location === null) return null;
  if (location.file === 'environment') return `environment variable ${location.variable}`;
  return location.line === null ? location.path : `${location.path}:${location.line}`;
}

type FixState =
  { state: 'idle' } | { state: 'busy' } | { state: 'preview'; preview: FixPreview } | { state: 'done'; message: string } | { state: 'error'; message: string };

/** A finding's fix: preview the exact lines first, then apply with the hash the preview read. */
function FixButton({ profile, finding, onApplied }: { profile: string | undefined; finding: Finding; onApplied(): void }): JSX.Element {
  const api = useApi();
  const [fix, setFix] = useState<FixState>({ state: 'idle' });
  const which = profile === undefined ? { findingKey: finding.key } : { profile, findingKey: finding.key };

  async function preview() {
    setFix({ state: 'busy' });
    const result = await api.previewProfileFix(which);
    setFix(result.ok ? { state: 'preview', preview: result.value } : { state: 'error', message: result.error.message });
  }

  async function apply(planned: FixPreview) {
    setFix({ state: 'busy' });
    const result = await api.applyProfileFix({ ...which, expectedHash: planned.expectedHash });
    if (!result.ok) {
      setFix({ state: 'error', message: result.error.message });
      return;
    }
    setFix({
      state: 'done',
      message: `Saved ${result.value.path}${result.value.backupPath ? `; the previous version is in ${result.value.backupPath}` : ''}.`,
    });
    onApplied();
  }

  if (fix.state === 'preview') {
    return (
      <Paper withBorder p="xs" aria-label="Fix preview">
        <Stack gap="xs">
          <Text size="sm">{fix.preview.summary}</Text>
          <Table withRowBorders={false} fz="xs" ff="monospace">
            <Table.Tbody>
              {fix.preview.diff.flatMap((line, index) => [
                line.before === null ? null : (
                  <Table.Tr key={`${index}-old`} c="red">
                    <Table.Td>− {line.oldLine}</Table.Td>
                    <Table.Td>{line.before}</Table.Td>
                  </Table.Tr>
                ),
                line.after === null ? null : (
                  <Table.Tr key={`${index}-new`} c="green">
                    <Table.Td>+ {line.newLine}</Table.Td>
                    <Table.Td>{line.after}</Table.Td>
                  </Table.Tr>
                ),
              ])}
            </Table.Tbody>
          </Table>
          <Group>
            <Button size="xs" onClick={() => void apply(fix.preview)}>
              Apply to {fix.preview.file} file
            </Button>
            <Button size="xs" variant="default" onClick={() => setFix({ state: 'idle' })}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }
  return (
    <Stack gap={4}>
      <Group>
        <Button size="xs" variant="light" loading={fix.state === 'busy'} onClick={() => void preview()}>
          Preview fix
        </Button>
      </Group>
      {fix.state === 'done' && (
        <Text size="xs" c="green" role="status">
          {fix.message}
        </Text>
      )}
      {fix.state === 'error' && (
        <Text size="xs" c="red" role="alert">
          {fix.message}
        </Text>
      )}
    </Stack>
  );
}

/** Findings, worst first, each with where it points, what to do, and a fix button when one is safe. */
export function FindingList({ findings, profile, onApplied }: { findings: readonly Finding[]; profile: string | null; onApplied(): void }): JSX.Element {
  if (findings.length === 0) return <Text size="sm">Nothing to report.</Text>;
  return (
    <Stack gap="xs">
      {findings.map((finding) => {
        const where = describeLocation(finding.location);
        return (
          <Alert
            key={finding.key}
            variant="light"
            color={finding.severity === 'error' ? 'red' : finding.severity === 'warning' ? 'yellow' : 'blue'}
            title={
              <Group gap="xs">
                <SeverityBadge severity={finding.severity} />
                <Code>{finding.id}</Code>
              </Group>
            }
          >
            <Stack gap={4}>
              <Text size="sm">{finding.message}</Text>
              {where && (
                <Text size="xs" c="dimmed">
                  At {where}
                </Text>
              )}
              <Text size="sm">
                <strong>What to do:</strong> {finding.fixHint}
              </Text>
              {/* A profile's list offers its own findings' fixes; the files' list, those of findings about a whole file. */}
              {finding.fix && (profile !== null || finding.profile === null) && (
                <FixButton profile={profile ?? undefined} finding={finding} onApplied={onApplied} />
              )}
            </Stack>
          </Alert>
        );
      })}
    </Stack>
  );
}
