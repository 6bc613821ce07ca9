import { Alert, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState, type JSX } from 'react';
import type { ProfileDetailView, ValueSource } from '../../../shared/model/profile';
import { useApi } from '../hooks/use-api';
import { FindingList } from './finding-list';
import { kindLabel } from './kind-label';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'loaded'; detail: ProfileDetailView };

function sourceText(source: ValueSource): string {
  return 'env' in source ? `environment variable ${source.env}` : `${source.file}:${source.line}`;
}

/** One profile in full: kind, region and endpoint with their sources, the chain, findings and the file lines. */
export function ProfileDetail({ name, generation, onChanged }: { name: string; generation: number; onChanged(): void }): JSX.Element {
  const api = useApi();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    void api.getProfile({ name }).then((result) => {
      if (live) setLoad(result.ok ? { state: 'loaded', detail: result.value } : { state: 'error', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, name, generation]);

  if (load.state === 'loading') return <Loader aria-label="Loading the profile" />;
  if (load.state === 'error')
    return (
      <Alert color="red" title="Cannot read this profile">
        {load.message}
      </Alert>
    );
  const { detail } = load;
  const rows: Array<[string, string, string]> = [
    ['Kind', kindLabel(detail.summary.kind), ''],
    ['Region', detail.region?.value ?? 'not set', detail.region ? sourceText(detail.region.source) : ''],
    ['Endpoint (MemoryDB)', detail.endpointUrl?.value ?? 'AWS default', detail.endpointUrl ? sourceText(detail.endpointUrl.source) : ''],
    ['Access key id', detail.summary.maskedKeyId ?? '—', detail.sources.aws_access_key_id ? sourceText(detail.sources.aws_access_key_id) : ''],
    [
      'Session token',
      detail.summary.hasSessionToken ? 'present' : 'none',
      detail.sources.aws_session_token ? sourceText(detail.sources.aws_session_token) : '',
    ],
  ];
  if (detail.sourceProfileChain.length > 1) rows.push(['Source profile chain', detail.sourceProfileChain.join(' → '), '']);
  const settings = Object.entries(detail.settings).filter(([key]) => key !== 'region');
  return (
    <Stack gap="md">
      <Table aria-label="Where each value comes from">
        <Table.Tbody>
          {rows.map(([label, value, source]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row">{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
              <Table.Td c="dimmed">{source}</Table.Td>
            </Table.Tr>
          ))}
          {settings.map(([key, value]) => (
            <Table.Tr key={key}>
              <Table.Th scope="row">
                <Code>{key}</Code>
              </Table.Th>
              <Table.Td>{value}</Table.Td>
              <Table.Td c="dimmed">{detail.sources[key] ? sourceText(detail.sources[key]) : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4}>Findings</Title>
      <FindingList findings={detail.findings} profile={detail.summary.name} onApplied={onChanged} />
      {detail.lines.length > 0 && (
        <>
          <Title order={4}>The lines in your files (secrets masked)</Title>
          {(['credentials', 'config'] as const).map((file) => {
            const lines = detail.lines.filter((line) => line.file === file);
            if (lines.length === 0) return null;
            return (
              <Stack key={file} gap={4}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {lines[0]!.path}
                  </Text>
                </Group>
                <Code block aria-label={`Lines from the ${file} file`}>
                  {lines.map((line) => `${String(line.line).padStart(4, ' ')}  ${line.text}`).join('\n')}
                </Code>
              </Stack>
            );
          })}
        </>
      )}
    </Stack>
  );
}
