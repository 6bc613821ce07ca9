import type { CauseId, Fix } from '../../shared/model/diagnosis';
import type { AwsFailure } from '../aws/error-evidence';
import type { TargetFact } from '../diagnosis/facts';
import { ssoSignInFixes } from './shared';

/** How one link of the credential chain failed: the SDK's message and, for an AWS refusal, what AWS said. */
export interface ChainFailure {
  message: string;
  aws?: AwsFailure;
}

/** The cause a failed chain names, in words the user can act on. */
export interface ChainVerdict {
  id: CauseId;
  summary: string;
  fixes: Fix[];
}

const configureFix = (name: string): Fix => ({
  kind: 'copy-command',
  label: 'Write working keys into the profile',
  command: `aws configure --profile ${name}`,
});

/** The source_profile chain of a role profile, nearest first (stops at a loop). */
export function sourceChain(target: TargetFact): string[] {
  const chain: string[] = [];
  let settings: Readonly<Record<string, string | undefined>> | undefined = target.profile.settings;
  while (settings?.source_profile && !chain.includes(settings.source_profile) && chain.length < 10) {
    chain.push(settings.source_profile);
    settings = target.profile.configSections[settings.source_profile] ?? target.profile.configSections[`profile.${settings.source_profile}`];
  }
  return chain;
}

function assumeRoleVerdict(target: TargetFact, failure: ChainFailure): ChainVerdict | null {
  const { name, settings } = target.profile;
  const roleArn = settings.role_arn;
  if (!roleArn || settings.web_identity_token_file) return null;
  const roleName = roleArn.split('/').at(-1) ?? roleArn;
  const source = sourceChain(target).at(-1);
  const aws = failure.aws;
  const trustFixes = (caller: string): Fix[] => [
    {
      kind: 'copy-command',
      label: `Read the role's trust policy (as an administrator): it must name ${caller}`,
      command: `aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument`,
    },
    {
      kind: 'copy-policy',
      label: `The caller also needs sts:AssumeRole on the role in one of its own policies`,
      json: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }] }, null, 2),
    },
  ];
  if (/requires multi-factor authentication/i.test(failure.message)) {
    return {
      id: 'credentials.assume-role-refused',
      summary: `Role ${roleName} of profile "${name}" needs an MFA code (mfa_serial = ${settings.mfa_serial ?? '?'}), which a program without a prompt cannot give.`,
      fixes: [
        { kind: 'copy-command', label: 'Check the role with the AWS CLI, which asks for the code', command: `aws sts get-caller-identity --profile ${name}` },
        {
          kind: 'copy-command',
          label: 'Or get MFA session credentials first and use them as the source',
          command: `aws sts get-session-token --serial-number ${settings.mfa_serial ?? '<mfa_serial>'} --token-code <code>`,
        },
      ],
    };
  }
  if (!aws) return null;
  if (aws.kind === 'access-denied') {
    const caller = /^User: (\S+) is not authorized/.exec(aws.message)?.[1] ?? `the source profile "${source ?? '?'}"`;
    const externalId = settings.external_id
      ? ` and the external_id ${settings.external_id}`
      : ' (and, if it demands one, an external_id the profile does not give)';
    return {
      id: 'credentials.assume-role-refused',
      summary: `STS refused to let ${caller} assume ${roleArn} (${aws.errorName}): the role does not exist, its trust policy does not name the caller${externalId}, or no policy of the caller allows sts:AssumeRole.`,
      fixes: trustFixes(caller),
    };
  }
  if (aws.kind === 'invalid-input' || aws.errorName === 'ValidationError') {
    const duration = /durationSeconds|DurationSeconds|MaxSessionDuration/i.test(aws.message);
    return {
      id: 'credentials.assume-role-refused',
      summary: duration
        ? `STS refused duration_seconds = ${settings.duration_seconds ?? '?'} for ${roleArn}: longer than the role's maximum session duration (${aws.message}).`
        : `STS refused the AssumeRole request of profile "${name}" (${aws.errorName}): ${aws.message}`,
      fixes: duration
        ? [
            { kind: 'copy-command', label: 'Ask for the default hour instead', command: `aws configure set duration_seconds 3600 --profile ${name}` },
            {
              kind: 'copy-command',
              label: "Or read the role's maximum (as an administrator)",
              command: `aws iam get-role --role-name ${roleName} --query Role.MaxSessionDuration`,
            },
          ]
        : [],
    };
  }
  if (aws.kind === 'key-rejected' || aws.kind === 'signature' || aws.kind === 'expired') {
    const id: CauseId =
      aws.kind === 'key-rejected' ? 'credentials.key-rejected' : aws.kind === 'signature' ? 'credentials.secret-mismatch' : 'credentials.expired';
    const what =
      aws.kind === 'key-rejected'
        ? 'its key id is unknown, deleted or inactive'
        : aws.kind === 'signature'
          ? 'its secret does not match its key id'
          : 'its temporary credentials have expired';
    return {
      id,
      summary: `Source profile "${source ?? '?'}" of role profile "${name}" is refused by AWS (${aws.errorName}): ${what}.`,
      fixes: source ? [configureFix(source)] : [],
    };
  }
  return null;
}

/** Which cause a credential-chain failure means, from the SDK's message and AWS's answer (docs/aws-behaviour.md §1.6). */
export function chainVerdict(target: TargetFact, failure: ChainFailure): ChainVerdict {
  const { name, kind, settings } = target.profile;
  const message = failure.message;
  const source = settings.credential_source;
  if ((source === 'Ec2InstanceMetadata' || source === 'EcsContainer') && /^This machine is not|AWS_EC2_METADATA_DISABLED/.test(message)) {
    return {
      id: 'credentials.no-instance-role',
      summary: `Profile "${name}" takes its source credentials from ${source === 'Ec2InstanceMetadata' ? 'the EC2 instance metadata service' : 'the ECS/EKS container credentials endpoint'} (credential_source = ${source}). ${message}`,
      fixes: [
        {
          kind: 'copy-command',
          label: `Off AWS compute, give [profile ${name}] a source_profile with its own credentials in place of credential_source; your profiles:`,
          command: 'aws configure list-profiles',
        },
      ],
    };
  }
  const role = assumeRoleVerdict(target, failure);
  if (role) return role;
  if (kind === 'web-identity' || settings.web_identity_token_file) {
    const file = settings.web_identity_token_file ?? '?';
    const missing = /ENOENT|no such file/i.test(message);
    return {
      id: 'credentials.web-identity',
      summary: missing
        ? `The web identity token file ${file} of profile "${name}" does not exist (the job or pod that should write it did not).`
        : `The web identity token of profile "${name}" was not accepted: ${message}`,
      fixes: [{ kind: 'copy-command', label: 'Check the token file', command: `ls -l ${file}` }],
    };
  }
  const cached = target.profile.findings.find((finding) => finding.id === 'sso.token-missing' || finding.id === 'sso.token-expired');
  if (cached || (/sso/i.test(message) && /(expired|invalid|login|token)/i.test(message))) {
    // The token cache says why better than the SDK's message, which may only say the profile "was not found".
    return {
      id: 'credentials.sso-expired',
      summary: cached ? `${cached.message} (profile "${name}")` : `No valid SSO session for profile "${name}": ${message}`,
      fixes: ssoSignInFixes(name),
    };
  }
  if (/credential_process/i.test(message) || kind === 'process') {
    const command = settings.credential_process;
    const why = /expired/i.test(message)
      ? 'it printed credentials that have already expired'
      : /invalid JSON|JSON/i.test(message)
        ? 'it did not print the JSON the SDK expects ({"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ...})'
        : /not found|ENOENT|No such file|cannot find|is not recognized/i.test(message)
          ? 'the program does not exist'
          : 'it failed';
    return {
      id: 'credentials.process-failed',
      summary: `credential_process of profile "${name}" did not give credentials: ${why}. ${message.split('\n')[0]}`,
      fixes: command ? [{ kind: 'copy-command', label: 'Run the credential process yourself to see its error', command }] : [],
    };
  }
  return { id: 'credentials.unresolvable', summary: `No credentials for profile "${name}": ${message}`, fixes: [configureFix(name)] };
}
