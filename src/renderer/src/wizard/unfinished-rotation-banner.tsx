import { Alert, Button, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { UnfinishedRotation } from '../../../shared/model/rotation';
import { useApi } from '../hooks/use-api';

/**
 * At start-up, tells the user about a rotation a crash or power loss interrupted, so it is
 * finished or undone before anything else touches that profile (docs/rotation.md).
 */
export function UnfinishedRotationBanner({ onOpen }: { onOpen(profile: string): void }) {
  const api = useApi();
  const [unfinished, setUnfinished] = useState<UnfinishedRotation[]>([]);

  useEffect(() => {
    let live = true;
    void api.findUnfinishedRotation({}).then((result) => {
      if (live && result.ok) setUnfinished(result.value.rotations);
    });
    return () => {
      live = false;
    };
  }, [api]);

  if (unfinished.length === 0) return null;
  return (
    <Alert color="orange" title="A key rotation did not finish" mb="md" role="alert">
      {unfinished.map((rotation) => (
        <Group key={rotation.journalId} justify="space-between" wrap="nowrap">
          <Text size="sm">
            Profile <code>{rotation.profile}</code>, started {new Date(rotation.startedAt).toLocaleString()}, stopped at “{rotation.phase}”: old key{' '}
            <code>{rotation.maskedOldKeyId}</code>
            {rotation.maskedNewKeyId ? (
              <>
                , new key <code>{rotation.maskedNewKeyId}</code>
              </>
            ) : null}
            .
          </Text>
          <Button size="xs" onClick={() => onOpen(rotation.profile)}>
            Finish or undo
          </Button>
        </Group>
      ))}
    </Alert>
  );
}
