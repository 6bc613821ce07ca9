import { fromHttp, fromIni, fromInstanceMetadata, fromTokenFile } from '@aws-sdk/credential-providers';
import { BoundedHttpHandler } from '../aws/bounded-http-handler';
import type { AwsCredentialIdentity } from '@smithy/types';
import { environmentCredentialSource, type Evidence, type Fix } from '../../shared/model/diagnosis';
import { describeAwsError, type AwsFailure } from '../aws/error-evidence';
import { AwsSession } from '../aws/session';
import { makeCause } from '../diagnosis/causes';
import type { CredentialLink, TargetFact } from '../diagnosis/facts';
import { defineProbe } from '../diagnosis/probe';
import { maskKeyId } from '../profiles/mask';
import { chainVerdict } from './chain-failure';
import { ssoRoleCredentials } from '../sso/role-credentials';
import { note, ssoSignInFixes, stsRegionOf } from './shared';

/** One link of the credential chain and how it went. */
interface LinkOutcome {
  link: CredentialLink;
  provider: string;
  credentials?: AwsCredentialIdentity;
  failure?: string;
  /** What AWS said, when the link failed on an AWS call (AssumeRole). */
  aws?: AwsFailure;
  /** The SSO cause a failure means, when the SSO link itself knows it. */
  ssoCause?: SsoCause;
}

type SsoCause = 'credentials.sso-expired' | 'credentials.sso-mismatch' | 'credentials.sso-role-unassigned';

function ssoFixes(profile: string, cause: SsoCause): Fix[] {
  if (cause !== 'credentials.sso-role-unassigned') return ssoSignInFixes(profile);
  return [
    { kind: 'open-console', label: 'Check the user’s assignments in the IAM Identity Center console', url: 'https://console.aws.amazon.com/singlesignon/home' },
  ];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The SDK's fromEnv, reading the host's environment instead of process.env (so tests and the desktop app say which environment). */
function fromHostEnv(target: TargetFact, env: Readonly<Record<string, string | undefined>>): LinkOutcome {
  const link = 'environment';
  const provider = environmentCredentialSource;
  if (target.profile.selectedBy !== 'default') {
    // The JavaScript SDK skips environment keys once a profile is named (credential-provider-node defaultProvider).
    return {
      link,
      provider,
      failure: `Skipped: the profile was named${target.profile.selectedBy === 'AWS_PROFILE' ? ' by AWS_PROFILE' : ''}, so the SDK does not read AWS_ACCESS_KEY_ID.`,
    };
  }
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return { link, provider, failure: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.' };
  const expiry = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
  return { link, provider, credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined, expiration: expiry } };
}

/** A credential_source on the profile or its source_profile chain that would ask the instance or container metadata service. */
function remoteSourceOf(target: TargetFact): string | null {
  let settings: Readonly<Record<string, string | undefined>> | undefined = target.profile.settings;
  for (let hop = 0; settings && hop < 10; hop += 1) {
    const source = settings.credential_source;
    if (source === 'Ec2InstanceMetadata' || source === 'EcsContainer') return source;
    settings = settings.source_profile ? target.profile.configSections[settings.source_profile] : undefined;
  }
  return null;
}

async function tryLink(link: CredentialLink, provider: string, load: () => Promise<AwsCredentialIdentity>, signal: AbortSignal): Promise<LinkOutcome> {
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  try {
    return { link, provider, credentials: await Promise.race([load(), aborted]) };
  } catch (error) {
    if (signal.aborted) throw error;
    const aws = describeAwsError(error);
    const answered = aws.httpStatus !== undefined || aws.kind === 'network';
    return { link, provider, failure: messageOf(error), ...(answered ? { aws } : {}) };
  }
}

/** How long the metadata services get: on AWS they answer in milliseconds; elsewhere nothing answers at all. */
const metadataTimeoutMs = 1_000;

/**
 * The last links of the SDK's chain: container credentials (ECS/EKS, from the host's
 * AWS_CONTAINER_CREDENTIALS_* variables), else the EC2 instance metadata service, each
 * with a short timeout, saying plainly when this machine is not such a host.
 */
async function metadataLink(env: Readonly<Record<string, string | undefined>>, signal: AbortSignal, wanted?: string): Promise<LinkOutcome> {
  const fullUri = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  const relativeUri = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  if ((fullUri || relativeUri) && wanted !== 'Ec2InstanceMetadata') {
    const outcome = await tryLink(
      'metadata',
      'container credentials (ECS/EKS)',
      () =>
        fromHttp({
          ...(fullUri ? { awsContainerCredentialsFullUri: fullUri } : {}),
          ...(relativeUri ? { awsContainerCredentialsRelativeUri: relativeUri } : {}),
          ...(env.AWS_CONTAINER_AUTHORIZATION_TOKEN ? { awsContainerAuthorizationToken: env.AWS_CONTAINER_AUTHORIZATION_TOKEN } : {}),
          ...(env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE ? { awsContainerAuthorizationTokenFile: env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE } : {}),
          timeout: metadataTimeoutMs,
          maxRetries: 0,
        })(),
      signal,
    );
    return outcome.credentials
      ? outcome
      : { ...outcome, failure: `The container credentials endpoint ${fullUri ?? relativeUri} gave no credentials: ${outcome.failure}` };
  }
  if (wanted === 'EcsContainer') {
    return {
      link: 'metadata',
      provider: 'container credentials (ECS/EKS)',
      failure: notAHost('an ECS task or EKS pod: AWS_CONTAINER_CREDENTIALS_FULL_URI / _RELATIVE_URI are not set'),
    };
  }
  if ((env.AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true') {
    return { link: 'metadata', provider: 'EC2 instance metadata', failure: 'Not asked: AWS_EC2_METADATA_DISABLED=true.' };
  }
  const outcome = await tryLink('metadata', 'EC2 instance metadata', () => fromInstanceMetadata({ timeout: metadataTimeoutMs, maxRetries: 0 })(), signal);
  return outcome.credentials
    ? outcome
    : {
        ...outcome,
        failure: notAHost(
          `an EC2 instance with a role: the instance metadata service gave no credentials within ${metadataTimeoutMs / 1000} s (${outcome.failure})`,
        ),
      };
}

function notAHost(what: string): string {
  return `This machine is not ${what}.`;
}

/** The SDK's own STS client for the chain's calls (assume-role, web identity): the target's region, endpoint and proxy, through the same 1 MiB cap as ours. */
function chainStsConfig(target: TargetFact) {
  return { region: stsRegionOf(target), endpoint: target.endpoints.sts, requestHandler: new BoundedHttpHandler({ proxyEnv: target.transport.proxyEnv }) };
}

/** The SDK's shared-files provider for the target's profile, read fresh from the host's files. */
function sharedFilesLink(target: TargetFact, signal: AbortSignal): Promise<LinkOutcome> {
  const { profile } = target;
  return tryLink(
    'shared-files',
    `shared files, profile "${profile.name}" (${profile.kind})`,
    () =>
      fromIni({
        profile: profile.name,
        filepath: profile.files.credentials,
        configFilepath: profile.files.config,
        ignoreCache: true,
        clientConfig: chainStsConfig(target),
      })(),
    signal,
  );
}

/** AWS's refusal of a chain call (AssumeRole) as evidence. */
function awsNote(failure: AwsFailure): Evidence {
  return {
    label: `AWS refused the chain's own call (${failure.errorName})`,
    errorName: failure.errorName,
    ...(failure.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}),
    ...(failure.requestId ? { requestId: failure.requestId } : {}),
    message: failure.message,
  };
}

/**
 * Step 1: the SDK's credential chain for the selected profile, link by link, with the
 * host's files and environment passed in explicitly. The instance metadata service is
 * never asked: on a desktop it only ever times out (aws/aws-sdk-js-v3#2137).
 */
export const resolveCredentialsProbe = defineProbe({
  id: 'credentials.resolve',
  step: 'credentials',
  title: 'Credential provider chain',
  needs: ['target'],
  yields: ['credentials'],
  async run({ need, host, signal }) {
    const target = need('target');
    const { profile } = target;
    const links: LinkOutcome[] = [fromHostEnv(target, host.env)];
    const remote = remoteSourceOf(target);
    if (!links[0]!.credentials && remote) {
      // The role's source credentials come from this machine's metadata service, asked with a short timeout.
      const source = await metadataLink(host.env, signal, remote);
      links.push(
        source.credentials
          ? await sharedFilesLink(target, signal)
          : { ...source, link: 'shared-files', provider: `shared files, profile "${profile.name}" (credential_source = ${remote})` },
      );
    } else if (!links[0]!.credentials && profile.kind === 'sso') {
      // The SDK's fromSSO reads ~/.aws/sso/cache of this process's HOME; the host's is the one that counts.
      const outcome = await ssoRoleCredentials(host, profile.name, signal);
      const provider = `shared files, profile "${profile.name}" (sso)`;
      if ('credentials' in outcome) links.push({ link: 'shared-files', provider, credentials: outcome.credentials });
      else
        links.push({
          link: 'shared-files',
          provider,
          failure: outcome.failure,
          ...(outcome.cause !== 'credentials.unresolvable' ? { ssoCause: outcome.cause as SsoCause } : {}),
        });
    } else if (!links[0]!.credentials) {
      links.push(await sharedFilesLink(target, signal));
    }
    if (!links.some((link) => link.credentials)) {
      const tokenFile = host.env.AWS_WEB_IDENTITY_TOKEN_FILE;
      const roleArn = host.env.AWS_ROLE_ARN;
      links.push(
        tokenFile && roleArn
          ? await tryLink(
              'web-identity',
              'web identity token file',
              () =>
                fromTokenFile({
                  webIdentityTokenFile: tokenFile,
                  roleArn,
                  roleSessionName: host.env.AWS_ROLE_SESSION_NAME,
                  clientConfig: chainStsConfig(target),
                })(),
              signal,
            )
          : { link: 'web-identity', provider: 'web identity token file', failure: 'AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set.' },
      );
      links.push(await metadataLink(host.env, signal));
    }
    const evidence: Evidence[] = links.map((link) => note(`${link.provider}: ${link.credentials ? 'answered' : 'no credentials'}`, link.failure));
    const answered = links.find((link) => link.credentials);
    if (!answered?.credentials) {
      const lastReal =
        [...links].reverse().find((link) => link.failure && !link.failure.startsWith('Not asked'))?.failure ?? 'No provider produced credentials.';
      const iniFailure = links[1]?.failure ?? lastReal;
      if (!profile.exists && profile.kind === 'unknown') {
        const summary = `Profile "${profile.name}" does not exist, so no credentials load.`;
        return { status: 'fail', verdict: summary, evidence, causes: [makeCause('profile.not-found', summary, evidence, [])] };
      }
      const ssoCause = links[1]?.ssoCause;
      if (ssoCause) {
        const summary = `No credentials for profile "${profile.name}": ${iniFailure}`;
        return { status: 'fail', verdict: summary, evidence, causes: [makeCause(ssoCause, summary, evidence, ssoFixes(profile.name, ssoCause))] };
      }
      const verdict = chainVerdict(target, { message: iniFailure, ...(links[1]?.aws ? { aws: links[1].aws } : {}) });
      const awsEvidence = links[1]?.aws ? [awsNote(links[1].aws)] : [];
      return {
        status: 'fail',
        verdict: verdict.summary,
        evidence: [...evidence, ...awsEvidence],
        causes: [makeCause(verdict.id, verdict.summary, [...evidence, ...awsEvidence], verdict.fixes)],
      };
    }
    const credentials = answered.credentials;
    const longTerm = credentials.accessKeyId.startsWith('AKIA') && !credentials.sessionToken;
    const session = new AwsSession({ credentials, endpoints: target.endpoints, now: () => host.now().getTime(), ...target.transport });
    const masked = maskKeyId(credentials.accessKeyId);
    const expires = credentials.expiration ? `, expiring ${credentials.expiration.toISOString()}` : '';
    return {
      status: 'pass',
      verdict: `Credentials from ${answered.provider}: key ${masked}${credentials.sessionToken ? ' with a session token' : ''}${expires}.`,
      evidence,
      facts: { credentials: { link: answered.link, provider: answered.provider, credentials, maskedKeyId: masked, longTerm, session } },
    };
  },
});
