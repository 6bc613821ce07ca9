import { describe, expect, it } from 'vitest';
import type { CredentialsFact, IdentityFact } from '../../../../src/core/diagnosis/facts';
import { accessKeysProbe } from '../../../../src/core/probes/access-keys';
import { AwsSession } from '../../../../src/core/aws/session';
import { clusterTarget, fakeProbeContext } from '../../../helpers/fake-probe-context';

const keyId = 'AKIAIOSFODNN7EXAMPLE';
const keys = { accessKeyId: keyId, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
// A real session that is never asked: the fake context answers every call.
const credentials: CredentialsFact = {
  link: 'shared-files',
  provider: 'shared files',
  credentials: keys,
  maskedKeyId: 'AKIA…MPLE',
  longTerm: true,
  session: new AwsSession({ credentials: keys, endpoints: {}, now: () => 0 }),
};
const identity: IdentityFact = { arn: 'arn:aws:iam::123456789012:user/dev', account: '123456789012', userId: 'AIDA', region: 'eu-west-1' };

function listed(keys: Array<{ id: string; status: string; days: number }>) {
  const now = new Date('2026-03-01T12:00:00Z').getTime();
  return {
    AccessKeyMetadata: keys.map((key) => ({ AccessKeyId: key.id, Status: key.status, CreateDate: new Date(now - key.days * 86_400_000), UserName: 'dev' })),
  };
}

describe('access keys probe', () => {
  it('names an Inactive key in use as the cause (an implementation that still accepts it today does not make it healthy)', async () => {
    const context = fakeProbeContext({ target: clusterTarget(), credentials, identity }, [
      { match: /ListAccessKeys/, output: listed([{ id: keyId, status: 'Inactive', days: 10 }]) },
      { match: /GetAccessKeyLastUsed/, output: { AccessKeyLastUsed: {} } },
    ]);
    const outcome = await accessKeysProbe.run(context);
    expect(outcome.status).toBe('fail');
    expect(outcome.causes?.map((cause) => cause.id)).toEqual(['credentials.key-inactive']);
    expect(outcome.causes?.[0]?.summary).toMatch(/AKIA…MPLE, is Inactive/);
    const commands = JSON.stringify(outcome.causes?.[0]?.fixes);
    expect(commands).toContain('aws iam update-access-key --user-name dev --status Active');
    expect(commands).not.toContain(keyId);
  });

  it('the delete command for the other key is copy-pasteable: it reads the full id by its last four characters', async () => {
    const other = 'AKIAJJJJJJJJJJJJMMY5';
    const context = fakeProbeContext({ target: clusterTarget(), credentials, identity }, [
      {
        match: /ListAccessKeys/,
        output: listed([
          { id: keyId, status: 'Active', days: 10 },
          { id: other, status: 'Active', days: 20 },
        ]),
      },
      { match: /GetAccessKeyLastUsed/, output: { AccessKeyLastUsed: {} } },
    ]);
    const outcome = await accessKeysProbe.run(context);
    const fix = outcome.causes?.find((cause) => cause.id === 'keys.limit-reached')?.fixes[0];
    expect(fix).toMatchObject({ kind: 'copy-command' });
    const command = fix && 'command' in fix ? fix.command : '';
    expect(command).toBe(
      `aws iam delete-access-key --user-name dev --access-key-id "$(aws iam list-access-keys --user-name dev --query "AccessKeyMetadata[?ends_with(AccessKeyId, 'MMY5')].AccessKeyId" --output text)"`,
    );
    expect(command).not.toContain('<');
  });
});
