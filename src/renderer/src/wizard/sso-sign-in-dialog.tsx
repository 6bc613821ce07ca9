import { Alert, Anchor, Button, Code, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SsoSignInEvent } from '../../../shared/model/sso';
import { useApi } from '../hooks/use-api';

/**
 * Signs a profile in to IAM Identity Center: main runs the sign-in and opens the system
 * browser; this dialog shows the page as a link (the only way in browser mode), the code to
 * check, and how it ended. It never sees a token.
 */
export function SsoSignInDialog({ profile, onClose, onSignedIn }: { profile: string; onClose(): void; onSignedIn(): void }) {
  const api = useApi();
  const [runId, setRunId] = useState<string | null>(null);
  const [events, setEvents] = useState<SsoSignInEvent[]>([]);
  const [startError, setStartError] = useState<string | null>(null);
  const reported = useRef(false);

  // Events can arrive before startSsoSignIn answers, so all are kept and filtered by run id.
  useEffect(() => api.onSsoSignInEvent((event) => setEvents((previous) => [...previous, event])), [api]);

  const begin = useCallback(
    (useDeviceCode: boolean) =>
      api.startSsoSignIn({ profile, ...(useDeviceCode ? { useDeviceCode } : {}) }).then((result) => {
        if (result.ok) setRunId(result.value.runId);
        else setStartError(result.error.message);
      }),
    [api, profile],
  );

  useEffect(() => {
    void begin(false);
  }, [begin]);

  function retry(useDeviceCode: boolean) {
    setStartError(null);
    setRunId(null);
    void begin(useDeviceCode);
  }

  const latest = [...events].reverse().find((event) => event.runId === runId) ?? null;
  const prompt = [...events].reverse().find((event) => event.runId === runId && event.prompt)?.prompt ?? null;
  const finished = latest?.state === 'signed-in' || latest?.state === 'failed';

  useEffect(() => {
    if (latest?.state === 'signed-in' && !reported.current) {
      reported.current = true;
      onSignedIn();
    }
  }, [latest, onSignedIn]);

  async function close() {
    if (runId && !finished) await api.cancelSsoSignIn({ runId });
    onClose();
  }

  return (
    <Modal
      opened
      onClose={() => void close()}
      title={`Sign in to IAM Identity Center: ${profile}`}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Cancel the sign-in and close' }}
    >
      <Stack gap="sm">
        {startError && <Alert color="red">{startError}</Alert>}
        {!startError && (!latest || latest.state === 'starting') && (
          <Group gap="xs">
            <Loader size="sm" />
            <Text size="sm">Contacting IAM Identity Center…</Text>
          </Group>
        )}
        {latest?.state === 'waiting' && prompt && (
          <Stack gap="xs">
            <Text size="sm">
              {prompt.openedInBrowser ? 'Your browser opened the sign-in page. ' : ''}
              {prompt.userCode ? 'Open this page, check that it shows the code below, and allow access:' : 'Open this page and sign in:'}
            </Text>
            <Anchor href={prompt.verificationUriComplete} target="_blank" rel="noreferrer noopener" style={{ overflowWrap: 'anywhere' }}>
              {prompt.verificationUri}
            </Anchor>
            {prompt.userCode && (
              <Text size="sm">
                Code: <Code style={{ fontSize: '1.25rem' }}>{prompt.userCode}</Code>
              </Text>
            )}
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                Waiting for you to approve (until {new Date(prompt.expiresAt).toLocaleTimeString()}).
              </Text>
            </Group>
          </Stack>
        )}
        {latest?.state === 'signed-in' && (
          <Alert color="green" title="Signed in">
            {latest.message} The diagnosis runs again.
          </Alert>
        )}
        {latest?.state === 'failed' && latest.failure && (
          <Alert color={latest.failure.code === 'cancelled' ? 'gray' : 'red'} title={`Not signed in (${latest.failure.code})`}>
            {latest.failure.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          {latest?.state === 'failed' && (
            <>
              <Button size="xs" variant="default" onClick={() => retry(true)}>
                Use a code instead
              </Button>
              <Button size="xs" onClick={() => retry(false)}>
                Try again
              </Button>
            </>
          )}
          <Button size="xs" variant={finished ? 'filled' : 'light'} color={finished ? undefined : 'red'} onClick={() => void close()}>
            {finished ? 'Close' : 'Cancel'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
