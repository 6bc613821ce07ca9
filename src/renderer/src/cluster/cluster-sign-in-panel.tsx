import { Stack } from '@mantine/core';
import { SignInTestForm } from './sign-in-test-form';
import { TokenCard } from './token-card';

/** Props of the Cluster sign-in step's panel: the profile whose credentials act, the cluster and user. */
export interface ClusterSignInPanelProps {
  profile?: string;
  cluster: string;
  user: string;
  region?: string | null;
}

/** The Cluster sign-in step's tools: the IAM auth token (masked, copyable) and the live sign-in test. */
export function ClusterSignInPanel({ profile, cluster, user, region }: ClusterSignInPanelProps) {
  const target = { ...(profile ? { profile } : {}), cluster, user, region: region ?? null };
  return (
    <Stack gap="md">
      <TokenCard target={target} />
      <SignInTestForm target={target} />
    </Stack>
  );
}
