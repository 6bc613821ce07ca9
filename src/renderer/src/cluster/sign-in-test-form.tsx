import { Alert, Button, Card, Group, List, PasswordInput, SegmentedControl, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { ClusterEndpoint, SignInOutcome, SignInSecret, SignInTestResult } from '../../../shared/model/cluster';
import { useApi } from '../hooks/use-api';
import type { ClusterTarget } from './cluster-target';

type Method = SignInSecret['kind'];

const outcomeTitles: Record<SignInOutcome, string> = {
  'signed-in': 'Signed in',
  'wrong-password': 'WRONGPASS: sign-in refused',
  'no-auth': 'NOAUTH: sign-in required',
  'no-permission': 'NOPERM: signed in, command denied',
  'tls-handshake-failed': 'TLS handshake failed',
  'tls-certificate': 'TLS certificate mismatch',
  'tls-required': 'The endpoint requires TLS',
  timeout: 'No answer in time',
  unreachable: 'Endpoint unreachable',
  error: 'The test failed',
};

function outcomeColor(outcome: SignInOutcome): string {
  if (outcome === 'signed-in') return 'green';
  if (outcome === 'no-permission') return 'yellow';
  return 'red';
}

/**
 * The optional live test: TLS + AUTH + PING against the cluster endpoint (reachable only
 * from its VPC or a VPN). Main connects only to the endpoint AWS reports for the cluster,
 * with the cluster's TLS setting, so the form shows them rather than asking for them. The
 * password stays in this form's state until the test is sent, and is cleared right after.
 */
export function SignInTestForm({ target }: { target: ClusterTarget }) {
  const api = useApi();
  const [method, setMethod] = useState<Method>('password');
  const [password, setPassword] = useState('');
  const [endpoint, setEndpoint] = useState<ClusterEndpoint | null>(null);
  const [endpointError, setEndpointError] = useState<string | null>(null);
  const [result, setResult] = useState<SignInTestResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api
      .getClusterEndpoint({
        ...(target.profile ? { profile: target.profile } : {}),
        cluster: target.cluster,
        ...(target.region ? { region: target.region } : {}),
      })
      .then((answer) => {
        if (!live) return;
        if (!answer.ok) {
          setEndpointError(answer.error.message);
          return;
        }
        setEndpoint(answer.value);
      });
    return () => {
      live = false;
    };
  }, [api, target.profile, target.cluster, target.region]);

  const host = endpoint?.host ?? '';
  const port = endpoint?.port ?? null;
  const cluster = {
    ...(target.profile ? { profile: target.profile } : {}),
    cluster: target.cluster,
    ...(target.region ? { region: target.region } : {}),
  };
  const ready = host !== '' && port !== null && (method !== 'password' || password !== '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || endpoint === null || port === null) return;
    const secret: SignInSecret = method === 'password' ? { kind: 'password', password } : method === 'iam-token' ? { kind: 'iam-token' } : { kind: 'none' };
    setBusy(true);
    setPassword('');
    const answer = await api.testClusterSignIn({ cluster, host, port, tls: endpoint.tlsEnabled, user: target.user, secret });
    setBusy(false);
    if (answer.ok) {
      setResult(answer.value);
      setFailure(null);
    } else {
      setResult(null);
      setFailure(answer.error.message);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="sign-in-test-title">
      <form aria-label="Test sign-in" onSubmit={(event) => void submit(event)}>
        <Stack gap="xs">
          <Title order={3} id="sign-in-test-title" size="h4">
            Test sign-in (optional)
          </Title>
          <Text size="sm" c="dimmed">
            MemoryDB endpoints answer only inside their VPC: run this from inside it or over a VPN. The test connects only to the endpoint AWS reports for the
            cluster, with its TLS setting. The password is used once and never stored.
          </Text>
          {endpoint && (
            <Text size="xs">
              Cluster {endpoint.cluster} in {endpoint.region}: {endpoint.status ?? 'status unknown'}, {endpoint.engine ?? 'engine'}{' '}
              {endpoint.engineVersion ?? '?'}, TLS {endpoint.tlsEnabled ? 'on' : 'off'}, ACL {endpoint.aclName ?? '?'}.
            </Text>
          )}
          {endpointError && (
            <Text size="xs" c="dimmed">
              Endpoint not looked up: {endpointError}
            </Text>
          )}
          <Group grow align="flex-start">
            <TextInput label="Host" value={host} readOnly />
            <TextInput label="Port" value={port === null ? '' : String(port)} readOnly />
          </Group>
          <Switch label="TLS" checked={endpoint?.tlsEnabled ?? true} readOnly disabled={endpoint === null} />
          <SegmentedControl
            aria-label="Sign in with"
            value={method}
            onChange={(value) => setMethod(value as Method)}
            data={[
              { value: 'password', label: 'Password' },
              { value: 'iam-token', label: 'IAM token' },
              { value: 'none', label: 'No AUTH' },
            ]}
          />
          {method === 'password' && (
            <PasswordInput
              label={`Password of ${target.user}`}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              autoComplete="off"
              required
            />
          )}
          <Group>
            <Button type="submit" loading={busy} disabled={!ready}>
              Test sign-in
            </Button>
          </Group>
          {failure && (
            <Alert color="red" title="Could not run the test" role="alert">
              {failure}
            </Alert>
          )}
          {result && (
            <Alert color={outcomeColor(result.outcome)} title={outcomeTitles[result.outcome]} role="status">
              <Stack gap={4}>
                <Text size="sm">{result.verdict}</Text>
                <List size="xs" aria-label="Stages">
                  {result.stages.map((stage, index) => (
                    <List.Item key={`${stage.stage}-${index}`}>
                      {stage.stage}: {stage.status} — {stage.detail}
                    </List.Item>
                  ))}
                </List>
                {result.hints.map((hint) => (
                  <Text key={hint} size="xs">
                    {hint}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}
