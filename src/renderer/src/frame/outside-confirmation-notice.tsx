import { Affix, Alert, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ConfirmationNotice } from '../../../shared/ipc/channels/app';
import { useApi } from '../hooks/use-api';

type Waiting = Extract<ConfirmationNotice, { state: 'waiting' }>;

/** Folds one notice into the questions still waiting: a question shows until it is answered. */
function waitingQuestions(current: readonly Waiting[], notice: ConfirmationNotice): Waiting[] {
  const others = current.filter((question) => question.id !== notice.id);
  return notice.state === 'waiting' ? [...others, notice] : others;
}

/**
 * Says where to answer a question main asks outside the page (browser mode asks in the
 * terminal `mdb-doctor ui` runs in), while it waits. It offers no button: the page is what
 * these confirmations guard against, so nothing here can answer them.
 */
export function OutsideConfirmationNotice() {
  const api = useApi();
  const [waiting, setWaiting] = useState<Waiting[]>([]);
  useEffect(() => api.onConfirmationNotice((notice) => setWaiting((current) => waitingQuestions(current, notice))), [api]);
  if (waiting.length === 0) return null;
  // Bottom right, clear of the step's verdict and primary action the question is about.
  return (
    <Affix position={{ bottom: 20, right: 20 }} zIndex={300}>
      <Stack gap="xs" maw={460}>
        {waiting.map((question) => (
          <Alert
            key={question.id}
            color="yellow"
            // Opaque, with a shadow: the notice floats over whatever page is open.
            bg="var(--mantine-color-body)"
            style={{ boxShadow: 'var(--mantine-shadow-md)', border: '1px solid var(--mantine-color-yellow-filled)' }}
            title="Confirm in the terminal where mdb-doctor ui runs"
            role="status"
            data-confirmation-notice
          >
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {question.title}
              </Text>
              <Text size="sm" lineClamp={4}>
                {question.message}
              </Text>
              <Text size="sm">This page cannot answer it: type y in that terminal to agree; anything else refuses.</Text>
            </Stack>
          </Alert>
        ))}
      </Stack>
    </Affix>
  );
}
