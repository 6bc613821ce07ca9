import { Alert, Badge, Loader, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ProfileList } from '../../../shared/model/profile';
import { useApi } from '../hooks/use-api';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'loaded'; list: ProfileList };

/** The profiles the main process found, as a table; the first screen's proof that IPC works. */
export function ProfileTable() {
  const api = useApi();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    void api.listProfiles({}).then((result) => {
      if (!live) return;
      setLoad(result.ok ? { state: 'loaded', list: result.value } : { state: 'error', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [api]);

  if (load.state === 'loading') return <Loader aria-label="Loading profiles" />;
  if (load.state === 'error') {
    return (
      <Alert color="red" title="Could not read your AWS profiles">
        {load.message}
      </Alert>
    );
  }
  const { list } = load;
  if (list.profiles.length === 0) {
    return (
      <Text>
        No profiles found in <code>{list.files.credentials}</code> or <code>{list.files.config}</code>.
      </Text>
    );
  }
  return (
    <Table striped highlightOnHover aria-label="AWS profiles">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Profile</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Region</Table.Th>
          <Table.Th>Access key</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.profiles.map((profile) => (
          <Table.Tr key={profile.name}>
            <Table.Td>
              {profile.name}{' '}
              {profile.isDefault && (
                <Badge size="sm" variant="light">
                  default
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{profile.kind}</Table.Td>
            <Table.Td>{profile.region ?? '—'}</Table.Td>
            <Table.Td>
              <code>{profile.maskedKeyId ?? '—'}</code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
