import { Alert, Button, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { DemoStatus } from '../../../shared/ipc/channels/demo';
import type { DiagnosisRequest } from '../../../shared/model/diagnosis';
import type { ProfileList } from '../../../shared/model/profile';
import { useApi } from '../hooks/use-api';
import { useProfileList } from '../hooks/use-profile-list';
import { ErrorMessagePanel } from './error-message-panel';
import type { StartDraft } from './wizard-reducer';

/**
 * The choice "the keys in the environment, no profile named" (a container, a CI runner). INI
 * section names are trimmed when read, so no profile can be named with a leading space.
 */
const environmentChoice = ' environment';

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The environment's keys as the profile list names them: masked, with the variables they come from. */
function environmentLabel(environment: ProfileList['environment']): string {
  const keys = [environment.hasSessionToken ? 'temporary keys' : 'keys', environment.maskedKeyId].filter(Boolean).join(' ');
  return `Environment variables — ${keys} from AWS_ACCESS_KEY_ID, no profile named`;
}

/** Where the AWS files live, for the empty state, and the way into the demo. */
function NoProfiles({ list, onDemo, demoBusy }: { list: ProfileList; onDemo(): void; demoBusy: boolean }) {
  return (
    <Alert color="blue" title="No AWS profiles on this machine yet">
      <Stack gap="xs">
        <Text size="sm">
          The AWS CLI and SDKs read profiles from <code>{list.files.credentials}</code> (keys) and <code>{list.files.config}</code> (region and other settings),
          or from <code>AWS_SHARED_CREDENTIALS_FILE</code> and <code>AWS_CONFIG_FILE</code> when those are set.
        </Text>
        <Text size="sm">
          Create one with <code>aws configure</code> (keys) or <code>aws configure sso</code> (IAM Identity Center), then come back. To see how the doctor works
          without an AWS account, try the demo: a local AWS simulator with one profile per common problem (also on the command line as{' '}
          <code>mdb-doctor demo</code>).
        </Text>
        <Group>
          <Button onClick={onDemo} loading={demoBusy}>
            Try the demo
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/**
 * The first page: which profile (the SDK's default preselected), optional cluster, region and
 * user, an error message the person already has, and Diagnose. What they type lives in the
 * wizard's state (`draft`), so it survives a visit to another page.
 */
export function StartPage({
  onDiagnose,
  busy,
  draft,
  onDraftChange,
}: {
  onDiagnose(request: DiagnosisRequest): void;
  busy: boolean;
  draft: StartDraft;
  onDraftChange(change: Partial<StartDraft>): void;
}) {
  const api = useApi();
  const { load, reload } = useProfileList();
  // What the user picked; until then (or once it vanishes from the files) the SDK's default.
  const { profile: picked, cluster, region, user, signIn } = draft;
  const [demo, setDemo] = useState<DemoStatus>({ active: false, presets: [] });
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoError, setDemoError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.getDemoStatus({}).then((result) => {
      if (live && result.ok) setDemo(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);

  async function switchDemo(on: boolean) {
    setDemoBusy(true);
    const result = on ? await api.startDemo({}) : await api.stopDemo({});
    setDemoBusy(false);
    if (!result.ok) {
      setDemoError(result.error.message);
      return;
    }
    setDemoError(null);
    setDemo(result.value);
    onDraftChange({ profile: null });
    reload();
  }

  const names = load.state === 'loaded' ? load.list.profiles.map((candidate) => candidate.name) : [];
  const environment = load.state === 'loaded' ? load.list.environment : null;
  // Keys in the environment can be diagnosed without a profile; the SDK takes them first.
  const environmentKeys = environment !== null && environment.hasAccessKeyId && environment.hasSecretAccessKey;
  const choices = environmentKeys ? [environmentChoice, ...names] : names;
  let fallback = load.state === 'loaded' && names.includes(load.list.defaultProfile) ? load.list.defaultProfile : (names[0] ?? null);
  if (environmentKeys && (environment.credentialsWin || fallback === null)) fallback = environmentChoice;
  const profile = picked !== null && choices.includes(picked) ? picked : fallback;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (profile === null) return;
    const named = profile === environmentChoice ? {} : { profile };
    onDiagnose({ ...named, cluster: optional(cluster), region: optional(region), user: optional(user), ...(signIn ? { signIn } : {}) });
  }

  function choose(name: string | null) {
    // In the demo, a preset that is about a cluster fills in its cluster and user.
    const preset = demo.presets.find((candidate) => candidate.profile === name);
    onDraftChange(preset ? { profile: name, cluster: preset.cluster ?? '', user: preset.user ?? '', signIn: preset.signIn ?? null } : { profile: name });
  }

  if (load.state === 'loading') return <Loader aria-label="Loading profiles" />;
  if (load.state === 'error') {
    return (
      <Alert color="red" title="Could not read your AWS profiles">
        {load.message}
      </Alert>
    );
  }
  const { list } = load;
  return (
    <Stack>
      <Title order={2}>Diagnose a profile</Title>
      {demoError !== null && (
        <Alert color="red" title="The demo could not start" role="alert">
          {demoError}
        </Alert>
      )}
      {demo.active && (
        <Alert color="grape" title="Demo mode">
          <Group justify="space-between">
            <Text size="sm">These profiles point at a local AWS simulator, one per common problem. Your own AWS files are not used.</Text>
            <Button size="xs" variant="default" onClick={() => void switchDemo(false)} loading={demoBusy}>
              Leave the demo
            </Button>
          </Group>
        </Alert>
      )}
      <ErrorMessagePanel text={draft.errorText} onChange={(errorText) => onDraftChange({ errorText })} />
      {choices.length === 0 ? (
        <NoProfiles list={list} onDemo={() => void switchDemo(true)} demoBusy={demoBusy} />
      ) : (
        <form onSubmit={submit} aria-label="Diagnose a profile">
          <Stack>
            <Select
              label="Profile"
              description={
                fallback === environmentChoice
                  ? 'The SDK would use the keys in the environment right now.'
                  : `The SDK would use “${list.defaultProfile}” right now.`
              }
              data={[
                ...(environmentKeys ? [{ value: environmentChoice, label: environmentLabel(list.environment) }] : []),
                ...list.profiles.map((candidate) => {
                  const preset = demo.presets.find((entry) => entry.profile === candidate.name);
                  const details = preset
                    ? preset.description
                    : `${candidate.kind}${candidate.region ? `, ${candidate.region}` : ''}${candidate.maskedKeyId ? `, ${candidate.maskedKeyId}` : ''}`;
                  return { value: candidate.name, label: `${candidate.name} — ${details}` };
                }),
              ]}
              value={profile}
              onChange={choose}
              allowDeselect={false}
              searchable
              required
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="Cluster (optional)"
                description="Find it in every MemoryDB region"
                value={cluster}
                onChange={(event) => onDraftChange({ cluster: event.currentTarget.value })}
              />
              <TextInput
                label="Region (optional)"
                description="Overrides the profile’s region"
                value={region}
                onChange={(event) => onDraftChange({ region: event.currentTarget.value })}
              />
              <TextInput
                label="Cluster user (optional)"
                description="For the cluster sign-in step"
                value={user}
                onChange={(event) => onDraftChange({ user: event.currentTarget.value })}
              />
            </SimpleGrid>
            <Select
              label="Your client signs in with (optional)"
              description="Say it if you know: a mismatch with the cluster user is then named as the cause"
              data={[
                { value: 'password', label: 'A password' },
                { value: 'iam', label: 'An IAM auth token' },
              ]}
              value={signIn}
              onChange={(value) => onDraftChange({ signIn: value === 'password' || value === 'iam' ? value : null })}
              clearable
              placeholder="Not sure"
              maw={420}
            />
            <Group>
              <Button type="submit" loading={busy} disabled={profile === null}>
                Diagnose
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
