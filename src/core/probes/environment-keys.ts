import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AwsSession } from '../aws/session';
import { makeCause } from '../diagnosis/causes';
import { defineProbe, type ProbeOutcome } from '../diagnosis/probe';
import { note, stsRegionOf } from './shared';

const shadowFix = {
  kind: 'copy-command',
  label: 'Remove the environment keys (and the export lines in your shell profile)',
  command: 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN',
} as const;

/**
 * Step 1: environment keys next to a named profile. The JavaScript SDK then uses the
 * profile, but the AWS CLI, boto3 and other SDKs use the environment keys when the profile
 * comes from AWS_PROFILE, and any program that does not name a profile does too — the
 * classic silent cause. The environment keys are asked of STS in parallel with the
 * profile's, so a refused or foreign key is named as the shadowing it is.
 */
export const environmentKeysProbe = defineProbe({
  id: 'credentials.environment-keys',
  step: 'credentials',
  title: 'Credentials in environment variables',
  needs: ['target', 'credentials'],
  uses: ['identity'],
  yields: [],
  async run({ need, facts, host, signal }): Promise<ProbeOutcome> {
    const target = need('target');
    const credentials = need('credentials');
    const env = target.profile.envCredentials;
    if (!env) return { status: 'pass', verdict: 'No AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment.' };
    if (credentials.link === 'environment') {
      return { status: 'pass', verdict: `The environment keys (${env.maskedKeyId}) are the credentials in use; the credentials step checks them.` };
    }
    const region = stsRegionOf(target);
    const session = new AwsSession({
      credentials: {
        accessKeyId: host.env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: host.env.AWS_SECRET_ACCESS_KEY ?? '',
        sessionToken: host.env.AWS_SESSION_TOKEN || undefined,
      },
      endpoints: target.endpoints,
      now: () => host.now().getTime(),
      ...target.transport,
    });
    try {
      const result = await session.call(`sts:GetCallerIdentity in ${region} with AWS_ACCESS_KEY_ID`, signal, (options) =>
        session.client('sts', region).send(new GetCallerIdentityCommand({}), options),
      );
      const shadowing = note(
        'Environment keys beside a named profile',
        `AWS_ACCESS_KEY_ID=${env.maskedKeyId} is set while profile "${target.profile.name}" (${credentials.maskedKeyId}) is selected by ${target.profile.selectedBy === 'request' ? 'name' : target.profile.selectedBy}; the AWS CLI, boto3 and programs that name no profile use the environment keys.`,
      );
      const evidence = [shadowing, result.evidence];
      if (!result.ok) {
        const refused = ['key-rejected', 'signature', 'expired', 'incomplete-signature'].includes(result.failure.kind);
        if (!refused) return { status: 'unknown', verdict: `Could not check the environment keys: ${result.failure.errorName}.`, evidence };
        const cause = makeCause(
          'profile.env-shadowing',
          `AWS_ACCESS_KEY_ID (${env.maskedKeyId}) in the environment overrides profile "${target.profile.name}" for most tools, and AWS refuses it (${result.failure.errorName}).`,
          evidence,
          [shadowFix],
          'error',
        );
        return { status: 'fail', verdict: cause.summary, evidence, causes: [cause] };
      }
      const profileArn = facts.identity?.arn;
      if (profileArn && result.output.Arn !== profileArn) {
        const cause = makeCause(
          'profile.env-shadowing',
          `The environment keys act as ${result.output.Arn}, not as profile "${target.profile.name}" (${profileArn}); tools that read the environment work as someone else.`,
          evidence,
          [shadowFix],
          'warning',
        );
        return { status: 'warn', verdict: cause.summary, evidence, causes: [cause] };
      }
      return {
        status: 'warn',
        verdict: `The environment keys (${env.maskedKeyId}) work and act as the same identity; still, remove them to avoid surprises.`,
        evidence,
      };
    } finally {
      session.destroy();
    }
  },
});
