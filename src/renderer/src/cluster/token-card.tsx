import { Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ClusterToken, ClusterTokenHandover } from '../../../shared/model/cluster';
import { useApi } from '../hooks/use-api';
import type { ClusterTarget } from './cluster-target';

/** What the person is told once main has handed a fresh token over, and where to find it. */
function handedOverWords(handover: ClusterTokenHandover): string {
  const until = new Date(handover.expiresAt).toLocaleTimeString();
  if (handover.deliveredTo === 'terminal')
    return `A fresh token for ${handover.user} is printed in the terminal where mdb-doctor ui runs; it is valid until ${until}.`;
  const cleared = handover.clearsAt ? `; the app clears it at ${new Date(handover.clearsAt).toLocaleTimeString()}` : '';
  return `A fresh token for ${handover.user} is on the clipboard${cleared}. It is valid until ${until}.`;
}

/**
 * The MemoryDB IAM auth token for the cluster and user: generated on request, shown masked.
 * The whole token never reaches this page: on Copy, main asks the person and hands a fresh
 * one over itself (the clipboard, or the terminal of mdb-doctor ui).
 */
export function TokenCard({ target }: { target: ClusterTarget }) {
  const api = useApi();
  const [token, setToken] = useState<ClusterToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'generate' | 'copy' | null>(null);
  const [handedOver, setHandedOver] = useState<ClusterTokenHandover | null>(null);
  const request = {
    ...(target.profile ? { profile: target.profile } : {}),
    cluster: target.cluster,
    user: target.user,
    ...(target.region ? { region: target.region } : {}),
  };

  async function generate() {
    setBusy('generate');
    const result = await api.generateClusterToken(request);
    setBusy(null);
    if (result.ok) {
      setToken(result.value);
      setError(null);
    } else {
      setToken(null);
      setError(result.error.message);
    }
  }

  async function copy() {
    setBusy('copy');
    const result = await api.copyClusterToken(request);
    setBusy(null);
    if (result.ok) setHandedOver(result.value);
    notifications.show(
      result.ok
        ? { message: handedOverWords(result.value), color: 'green' }
        : { title: 'Could not copy the token', message: result.error.message, color: 'red' },
    );
  }

  return (
    <Card withBorder component="section" aria-labelledby="token-title">
      <Stack gap="xs">
        <Title order={3} id="token-title" size="h4">
          IAM auth token
        </Title>
        <Text size="sm" c="dimmed">
          For users with IAM authentication: send the token as the password (AUTH {target.user} &lt;token&gt;). It is signed with your profile&apos;s
          credentials for cluster {target.cluster} and lasts 15 minutes.
        </Text>
        {token && (
          <>
            <Code block aria-label="Token (masked)">
              {token.token}
            </Code>
            <Text size="xs" c="dimmed">
              Signed with {token.signedWith} in {token.region}; valid until {new Date(token.expiresAt).toLocaleTimeString()}.
            </Text>
          </>
        )}
        {handedOver && (
          <Text size="xs" role="status">
            {handedOverWords(handedOver)}
          </Text>
        )}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group gap="xs">
          <Button size="xs" variant="light" loading={busy === 'generate'} onClick={() => void generate()}>
            {token ? 'Generate again' : 'Generate token'}
          </Button>
          <Button size="xs" loading={busy === 'copy'} disabled={busy !== null} onClick={() => void copy()}>
            Copy token
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
