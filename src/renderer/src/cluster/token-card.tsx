import { Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ClusterToken } from '../../../shared/model/cluster';
import { useApi } from '../hooks/use-api';
import type { ClusterTarget } from './cluster-target';

/**
 * The MemoryDB IAM auth token for the cluster and user: generated on request, shown masked;
 * the whole token is fetched only for the copy and goes straight to the clipboard.
 */
export function TokenCard({ target }: { target: ClusterTarget }) {
  const api = useApi();
  const [token, setToken] = useState<ClusterToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'generate' | 'copy' | null>(null);
  const [copiedUntil, setCopiedUntil] = useState<string | null>(null);
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
    const revealed = await api.generateClusterToken({ ...request, reveal: true });
    const copied = revealed.ok ? await api.copyText({ text: revealed.value.token }) : revealed;
    setBusy(null);
    // Only the expiry is kept: the whole token lives on the clipboard, not in this page.
    if (copied.ok && revealed.ok) setCopiedUntil(revealed.value.expiresAt);
    notifications.show(
      copied.ok
        ? { message: `A fresh token for ${target.user} is on the clipboard; it is valid for 15 minutes.`, color: 'green' }
        : { title: 'Could not copy the token', message: copied.error.message, color: 'red' },
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
        {copiedUntil && (
          <Text size="xs" role="status">
            The copied token is valid until {new Date(copiedUntil).toLocaleTimeString()}.
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
