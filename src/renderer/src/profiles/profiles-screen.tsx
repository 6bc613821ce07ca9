import { Alert, Badge, Button, Code, Drawer, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type JSX } from 'react';
import type { ProfileList, ProfileSummary } from '../../../shared/model/profile';
import { useProfileList } from '../hooks/use-profile-list';
import { FindingList } from './finding-list';
import { kindLabel } from './kind-label';
import { ProfileDetail } from './profile-detail';
import { SeverityBadge } from './severity-badge';

/** What the SDK would use right now, in one sentence. */
function ActiveCredentials({ list }: { list: ProfileList }): JSX.Element {
  const env = list.environment;
  if (env.credentialsWin) {
    return (
      <Alert color="yellow" title="Environment variables win" role="note">
        <Text size="sm">
          <Code>AWS_ACCESS_KEY_ID</Code> ({env.maskedKeyId}) is set and <Code>AWS_PROFILE</Code> is not, so the AWS SDK uses those keys and ignores the{' '}
          <Code>[default]</Code> profile in your files.
        </Text>
      </Alert>
    );
  }
  return (
    <Text size="sm">
      The AWS SDK uses profile <Code>{list.defaultProfile}</Code>
      {env.profile !== null ? (
        <>
          {' '}
          (from <Code>AWS_PROFILE</Code>)
        </>
      ) : (
        ' (no AWS_PROFILE is set)'
      )}
      {env.region !== null && (
        <>
          {' '}
          with region <Code>{env.region}</Code> from <Code>AWS_REGION</Code>
        </>
      )}
      .
    </Text>
  );
}

function ProfileRow({ profile, onOpen }: { profile: ProfileSummary; onOpen(): void }): JSX.Element {
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs">
          <Button variant="subtle" size="compact-sm" onClick={onOpen} aria-label={`Open profile ${profile.name}`}>
            {profile.name}
          </Button>
          {profile.isDefault && (
            <Badge color="teal" variant="filled">
              In use
            </Badge>
          )}
          {profile.shadowedBy !== null && (
            <Badge color="yellow" variant="outline">
              Overridden by {profile.shadowedBy}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{kindLabel(profile.kind)}</Table.Td>
      <Table.Td>
        {profile.region ?? (
          <Text span c="dimmed">
            not set
          </Text>
        )}
        {profile.regionSource !== null && (
          <Text span size="xs" c="dimmed">
            {' '}
            ({profile.regionSource})
          </Text>
        )}
      </Table.Td>
      <Table.Td ff="monospace">{profile.maskedKeyId ?? '—'}</Table.Td>
      <Table.Td>
        <SeverityBadge severity={profile.worstSeverity} count={profile.findingCount} />
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Every local AWS profile the way the SDK reads it: a table with kind, region, masked key
 * id and findings; the profile in use and any environment override called out; a detail
 * drawer with the findings, the file lines they point at and the safe fixes. Follows the
 * files on disk through `onProfilesChanged`.
 */
export function ProfilesScreen(): JSX.Element {
  const { load, generation, reload } = useProfileList();
  const [open, setOpen] = useState<string | null>(null);

  if (load.state === 'loading') return <Loader aria-label="Reading your AWS profiles" />;
  if (load.state === 'error') {
    return (
      <Alert color="red" title="Cannot read your AWS profiles">
        {load.message}
      </Alert>
    );
  }
  const { list } = load;
  return (
    <Stack gap="md">
      <Title order={2}>AWS profiles</Title>
      <ActiveCredentials list={list} />
      <Text size="xs" c="dimmed">
        Read from {list.files.credentials} and {list.files.config}
      </Text>
      {list.profiles.length === 0 ? (
        <Alert color="blue" title="No profiles found">
          Create one with <Code>aws configure</Code> or <Code>aws configure sso</Code>.
        </Alert>
      ) : (
        <Table striped highlightOnHover aria-label="AWS profiles">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Region</Table.Th>
              <Table.Th>Key id</Table.Th>
              <Table.Th>Findings</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.profiles.map((profile) => (
              <ProfileRow key={profile.name} profile={profile} onOpen={() => setOpen(profile.name)} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.findings.length > 0 && (
        <Stack gap="xs">
          <Title order={3}>Files and environment</Title>
          <FindingList findings={list.findings} profile={null} onApplied={reload} />
        </Stack>
      )}
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="xl" title={open === null ? '' : `Profile ${open}`}>
        {open !== null && <ProfileDetail name={open} generation={generation} onChanged={reload} />}
      </Drawer>
    </Stack>
  );
}
