import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import type { Cause } from '../../../shared/model/diagnosis';
import type { KeyLookUpCandidate, KeyLookUpResult } from '../../../shared/model/key-lookup';
import { useApi } from '../hooks/use-api';
import { FixActions, type FixHandlers } from './fix-actions';

/** How many other profiles the panel offers at most (the likeliest first). */
const shownCandidates = 3;

/**
 * Under a refused key (credentials.key-rejected): Inactive and deleted keys are refused alike,
 * so offer to look the key up with another local profile. The page sends only the two profile
 * names; main reads the key and the other profile's credentials and asks in its own dialog.
 */
export function KeyLookUpPanel({ profile, fixHandlers, renderCause }: { profile: string; fixHandlers: FixHandlers; renderCause(cause: Cause): ReactNode }) {
  const api = useApi();
  const [candidates, setCandidates] = useState<KeyLookUpCandidate[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<KeyLookUpResult | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void api.keyLookUpCandidates({ profile }).then((answer) => {
      if (current && answer.ok) setCandidates(answer.value.candidates);
    });
    return () => {
      current = false;
    };
  }, [api, profile]);

  const lookUp = async (helperProfile: string) => {
    setBusy(helperProfile);
    setNotice(null);
    const answer = await api.lookUpRefusedKey({ profile, helperProfile });
    setBusy(null);
    if (!answer.ok) {
      setNotice(answer.error.message);
      return;
    }
    setResult(answer.value);
    // What IAM said replaces the refused key's cause in the report when it decided (inactive, deleted, active).
    if (answer.value.cause) fixHandlers.onKeyLookedUp(answer.value);
  };

  if (candidates.length === 0) return null;
  return (
    <Stack gap="xs" data-key-look-up>
      <Text size="sm">
        Inactive or deleted? AWS refuses both alike. Another profile can look the key up in IAM (read-only); the app asks before it uses that profile.
      </Text>
      <Group gap="xs">
        {candidates.slice(0, shownCandidates).map((candidate) => (
          <Button
            key={candidate.profile}
            size="xs"
            variant="light"
            loading={busy === candidate.profile}
            disabled={busy !== null}
            title={candidate.reason}
            onClick={() => void lookUp(candidate.profile)}
          >
            Look the key up with profile {candidate.profile} ({candidate.sameAccount ? 'same account' : 'may be another account'})
          </Button>
        ))}
      </Group>
      {notice && (
        <Alert color="gray" variant="light">
          {notice}
        </Alert>
      )}
      {result && (
        <Alert
          color={result.cause ? 'red' : 'yellow'}
          variant="light"
          title={`IAM lookup with profile ${result.helperProfile}`}
          data-key-look-up-result={result.outcome}
        >
          <Stack gap="xs">
            {!result.cause && <Text size="sm">{result.summary}</Text>}
            {result.cause && renderCause(result.cause)}
            <FixActions fixes={result.fixes} handlers={fixHandlers} />
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
