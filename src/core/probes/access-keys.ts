import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand, type AccessKeyMetadata } from '@aws-sdk/client-iam';
import type { Cause, Evidence } from '../../shared/model/diagnosis';
import { makeCause } from '../diagnosis/causes';
import { describeLastUse, type AccessKeysFact } from '../diagnosis/facts';
import { defineProbe, type ProbeOutcome } from '../diagnosis/probe';
import { maskKeyId } from '../profiles/mask';
import { fallbackRegion } from '../regions/regions';
import { readDenial } from './permission-actions';
import { note, userNameOf } from './shared';

/** AWS's recommendation (IAM best practices): rotate access keys at least every 90 days. */
export const maxKeyAgeDays = 90;
const dayMs = 24 * 60 * 60 * 1000;

function selfServicePolicy(account: string, userName: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadOwnAccessKeys',
          Effect: 'Allow',
          Action: ['iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed'],
          Resource: `arn:aws:iam::${account}:user/${userName}`,
        },
      ],
    },
    null,
    2,
  );
}

/**
 * The full key id, read from IAM inside the command itself by its last four characters, so
 * the command is copy-pasteable while the report shows the id only masked.
 */
export function keyIdLookup(userName: string, maskedKeyId: string): string {
  const tail = maskedKeyId.slice(-4);
  return `"$(aws iam list-access-keys --user-name ${userName} --query "AccessKeyMetadata[?ends_with(AccessKeyId, '${tail}')].AccessKeyId" --output text)"`;
}

/**
 * Step 2: for IAM users, the keys IAM lists (status, age) and when each was last used.
 * Asked only once STS accepted the key, so a refusal here is about IAM permissions.
 */
export const accessKeysProbe = defineProbe({
  id: 'key-health.access-keys',
  step: 'key-health',
  title: 'Access keys of the IAM user',
  needs: ['target', 'credentials', 'identity'],
  yields: ['accessKeys'],
  async run({ need, call, host }): Promise<ProbeOutcome> {
    const target = need('target');
    const credentials = need('credentials');
    const identity = need('identity');
    const userName = userNameOf(identity.arn);
    if (!credentials.longTerm || !userName) {
      return {
        status: 'skipped',
        verdict: `Key health is about an IAM user's long-term keys; these are ${credentials.longTerm ? 'root' : 'temporary'} credentials (${identity.arn}).`,
      };
    }
    const region = fallbackRegion(target.region);
    const ownKeyId = credentials.credentials.accessKeyId;
    const [listed, ownLastUsed] = await Promise.all([
      call('iam', region, 'iam:ListAccessKeys', (client, options) => client.send(new ListAccessKeysCommand({}), options)),
      call('iam', region, `iam:GetAccessKeyLastUsed for ${credentials.maskedKeyId}`, (client, options) =>
        client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: ownKeyId }), options),
      ),
    ]);
    const evidence: Evidence[] = [listed.evidence, ownLastUsed.evidence];
    if (!listed.ok) {
      const denied = listed.failure.kind === 'access-denied';
      if (denied && readDenial(listed.failure.message).decision === 'explicitDeny') {
        // An explicit deny on the user's own keys blocks key checks and rotation alike; it is often an MFA condition.
        const cause = makeCause(
          'permissions.explicit-deny',
          `An explicit deny (${readDenial(listed.failure.message).deniedBy ?? 'a policy'}) blocks iam:ListAccessKeys on your own user; without MFA or an exception the keys can be neither checked nor rotated.`,
          evidence,
          [
            {
              kind: 'refresh-command',
              label: 'If the deny requires MFA: get an MFA session and use it for IAM',
              command: `aws sts get-session-token --serial-number arn:aws:iam::${identity.account}:mfa/${userName} --token-code <code from your device> --profile ${target.profile.name}`,
            },
          ],
        );
        return { status: 'fail', verdict: cause.summary, evidence, causes: [cause] };
      }
      return {
        status: 'unknown',
        verdict: denied
          ? `You may not list your keys: iam:ListAccessKeys (and iam:GetAccessKeyLastUsed) on arn:aws:iam::${identity.account}:user/${userName} would allow it.`
          : `IAM did not list the keys: ${listed.failure.errorName} — ${listed.failure.message}`,
        evidence,
        fixes: denied ? [{ kind: 'copy-policy', label: 'Let the user read its own keys', json: selfServicePolicy(identity.account, userName) }] : [],
      };
    }
    const metadata: AccessKeyMetadata[] = listed.output.AccessKeyMetadata ?? [];
    const others = metadata.filter((key) => key.AccessKeyId && key.AccessKeyId !== ownKeyId);
    const otherLastUsed = await Promise.all(
      others.map((key) =>
        call('iam', region, `iam:GetAccessKeyLastUsed for ${maskKeyId(key.AccessKeyId ?? '')}`, (client, options) =>
          client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }), options),
        ),
      ),
    );
    evidence.push(...otherLastUsed.map((result) => result.evidence));
    const lastUsedOf = (keyId: string | undefined): AccessKeysFact['keys'][number]['lastUsed'] => {
      const result = keyId === ownKeyId ? ownLastUsed : otherLastUsed[others.findIndex((key) => key.AccessKeyId === keyId)];
      if (!result?.ok) return null;
      const used = result.output.AccessKeyLastUsed;
      return { date: used?.LastUsedDate?.toISOString() ?? null, service: used?.ServiceName ?? null, region: used?.Region ?? null };
    };
    const now = host.now().getTime();
    const keys: AccessKeysFact['keys'] = metadata.map((key) => {
      const created = key.CreateDate ?? null;
      return {
        maskedKeyId: maskKeyId(key.AccessKeyId ?? ''),
        status: key.Status ?? 'unknown',
        createdAt: created ? created.toISOString() : null,
        ageDays: created ? Math.floor((now - created.getTime()) / dayMs) : null,
        isCurrent: key.AccessKeyId === ownKeyId,
        lastUsed: lastUsedOf(key.AccessKeyId),
      };
    });
    evidence.push(
      ...keys.map((key) =>
        note(`${key.maskedKeyId}${key.isCurrent ? ' (in use)' : ''}: ${key.status}, ${key.ageDays ?? '?'} days old, ${describeLastUse(key.lastUsed)}`),
      ),
    );
    const causes: Cause[] = [];
    const old = keys.filter((key) => key.ageDays !== null && key.ageDays > maxKeyAgeDays);
    if (old.length > 0) {
      causes.push(
        makeCause(
          'keys.old',
          `${old.map((key) => `${key.maskedKeyId} is ${key.ageDays} days old`).join('; ')} (rotate every ${maxKeyAgeDays} days).`,
          evidence.filter((item) => old.some((key) => item.label.startsWith(key.maskedKeyId))),
          old.some((key) => key.isCurrent)
            ? [{ kind: 'rotate-key', label: `Rotate the key of profile "${target.profile.name}"`, profile: target.profile.name }]
            : [],
        ),
      );
    }
    const current = keys.find((key) => key.isCurrent);
    if (current && current.status !== 'Active') {
      causes.push(
        makeCause(
          'credentials.key-inactive',
          `The key in use, ${current.maskedKeyId}, is ${current.status} in IAM: AWS refuses it like a deleted key, wherever it is still accepted today.`,
          evidence.filter((item) => item.label.startsWith(current.maskedKeyId) || item === listed.evidence),
          [
            {
              kind: 'copy-command',
              label: `Make ${current.maskedKeyId} active again (if it was switched off by mistake)`,
              command: `aws iam update-access-key --user-name ${userName} --status Active --access-key-id ${keyIdLookup(userName, current.maskedKeyId)}`,
            },
            { kind: 'rotate-key', label: `Or put a new key into profile "${target.profile.name}"`, profile: target.profile.name },
          ],
        ),
      );
    }
    if (keys.length >= 2) {
      const other = keys.find((key) => !key.isCurrent);
      causes.push(
        makeCause(
          'keys.limit-reached',
          `User ${userName} already has ${keys.length} access keys, the most IAM allows; rotation needs one of them gone first.`,
          [listed.evidence],
          [
            {
              kind: 'copy-command',
              label: `Delete the other key (${other?.maskedKeyId ?? 'not in use'}) once nothing uses it`,
              command: other
                ? `aws iam delete-access-key --user-name ${userName} --access-key-id ${keyIdLookup(userName, other.maskedKeyId)}`
                : `aws iam list-access-keys --user-name ${userName}`,
            },
          ],
        ),
      );
    }
    const fact: AccessKeysFact = { userName, keys };
    const summary = `${keys.length} key${keys.length === 1 ? '' : 's'} for ${userName}; the one in use is ${
      current ? `${current.status}, ${current.ageDays ?? '?'} days old (rotate at ${maxKeyAgeDays}), ${describeLastUse(current.lastUsed)}` : 'not among them'
    }.`;
    return {
      status: causes.some((cause) => cause.severity === 'error') ? 'fail' : causes.length > 0 ? 'warn' : 'pass',
      verdict: causes.length > 0 ? `${summary} ${causes.map((cause) => cause.summary).join(' ')}` : summary,
      evidence,
      causes,
      facts: { accessKeys: fact },
    };
  },
});
