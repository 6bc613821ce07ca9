import { Alert, Badge, List, Stack, Text, Textarea } from '@mantine/core';
import { useMemo } from 'react';
import { explainError } from '../../../shared/explain/explain-error';

/**
 * "I have an error message": the person pastes what their program printed and reads, before
 * any call is made, which causes produce it (most likely first) and what the diagnosis will
 * check. The same reading as `mdb-doctor explain`; the text never leaves the page.
 */
export function ErrorMessagePanel({ text, onChange }: { text: string; onChange(text: string): void }) {
  const explanation = useMemo(() => (text.trim() === '' ? null : explainError(text)), [text]);
  return (
    <Stack gap="xs">
      <Textarea
        label="I have an error message (optional)"
        description="Paste what your program printed: InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken, AccessDenied, WRONGPASS, NOAUTH …"
        value={text}
        onChange={(event) => onChange(event.currentTarget.value)}
        rows={3}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      {explanation && explanation.recognised.length === 0 && (
        <Alert color="gray" title="Not a credentials error we know">
          It names none of the errors AWS, the SDKs or the cluster give for credentials, regions, permissions or sign-in. The diagnosis still checks everything
          that can stop MemoryDB from accepting you.
        </Alert>
      )}
      {explanation && explanation.recognised.length > 0 && (
        <Alert color="blue" title={`${explanation.recognised.map((error) => error.name).join(', ')}: what it means`}>
          <Stack gap="xs">
            {explanation.recognised.map((error) => (
              <Text key={error.name} size="sm">
                {error.meaning}
              </Text>
            ))}
            <Text size="sm" fw={600}>
              Causes that produce it, most likely first
            </Text>
            <List type="ordered" size="sm" spacing={2}>
              {explanation.causes.map((cause) => (
                <List.Item key={cause.id}>
                  {cause.meaning}{' '}
                  <Badge variant="outline" color="gray" size="xs" tt="none">
                    {cause.id}
                  </Badge>
                </List.Item>
              ))}
            </List>
            <Text size="sm" fw={600}>
              What the diagnosis checks
            </Text>
            <List size="sm" spacing={2}>
              {explanation.checks.map((check) => (
                <List.Item key={check}>{check}</List.Item>
              ))}
            </List>
            {explanation.needsCluster && (
              <Text size="sm">This error comes from the cluster itself: name the cluster and the user your client signs in as below.</Text>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
