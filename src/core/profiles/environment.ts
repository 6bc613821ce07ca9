import type { FindingLocation } from '../../shared/model/finding';
import type { EnvironmentSummary } from '../../shared/model/profile';
import type { HostEnvironment } from '../host';
import { credentialFindings } from './credential-checks';
import { maskKeyId } from './mask';
import { makeFinding, type ProfileSecrets, type CatalogueFinding } from './types';

/** The environment as the SDK's providers read it (main process only: holds secrets). */
export type EnvironmentState = EnvironmentSummary & { secrets: ProfileSecrets };

/** The per-service endpoint variable for MemoryDB (`AWS_ENDPOINT_URL_` + service id words upper-cased). */
export const memoryDbEndpointVariable = 'AWS_ENDPOINT_URL_MEMORYDB';

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** True when a string looks like an AWS region name (e.g. us-east-1, us-gov-west-1). */
export function looksLikeRegionName(region: string): boolean {
  return regionPattern.test(region);
}

function envValue(host: HostEnvironment, name: string): string | null {
  const value = host.env[name];
  return value === undefined || value === '' ? null : value;
}

/** Reads the credential, profile, region and endpoint variables the SDK looks at. */
export function readEnvironment(host: HostEnvironment): EnvironmentState {
  const accessKeyId = envValue(host, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = envValue(host, 'AWS_SECRET_ACCESS_KEY');
  const sessionToken = envValue(host, 'AWS_SESSION_TOKEN');
  const profile = envValue(host, 'AWS_PROFILE');
  const endpointUrls: Record<string, string> = {};
  for (const [name, value] of Object.entries(host.env)) {
    if ((name === 'AWS_ENDPOINT_URL' || name.startsWith('AWS_ENDPOINT_URL_')) && value) endpointUrls[name] = value;
  }
  return {
    hasAccessKeyId: accessKeyId !== null,
    hasSecretAccessKey: secretAccessKey !== null,
    hasSessionToken: sessionToken !== null,
    maskedKeyId: accessKeyId === null ? null : maskKeyId(accessKeyId),
    profile,
    region: envValue(host, 'AWS_REGION'),
    defaultRegion: envValue(host, 'AWS_DEFAULT_REGION'),
    endpointUrls,
    // credential-provider-node skips fromEnv whenever AWS_PROFILE is set (docs/aws-behaviour.md §1.6).
    credentialsWin: accessKeyId !== null && secretAccessKey !== null && profile === null,
    secrets: { accessKeyId, secretAccessKey, sessionToken },
  };
}

function at(variable: string): FindingLocation {
  return { file: 'environment', variable };
}

/** Findings about the environment itself, independent of any profile. */
export function environmentFindings(host: HostEnvironment, env: EnvironmentState, profileNames: ReadonlySet<string>): CatalogueFinding[] {
  const findings: CatalogueFinding[] = [];
  const { accessKeyId, secretAccessKey, sessionToken } = env.secrets;
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    const missing = accessKeyId === null ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    findings.push(
      makeFinding('env.incomplete-keys', {
        message: `${accessKeyId === null ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'} is set but ${missing} is not; the SDK skips environment credentials and moves on to the files.`,
        location: at(accessKeyId === null ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'),
        fixHint: `Set ${missing} too, or unset the other variable.`,
      }),
    );
  }
  for (const [name, value] of [
    ['AWS_ACCESS_KEY_ID', accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', secretAccessKey],
    ['AWS_SESSION_TOKEN', sessionToken],
  ] as const) {
    // Unlike the files, environment values are used as they are: nothing trims them.
    if (value !== null && /\s|["']/.test(value)) {
      findings.push(
        makeFinding('value.inner-whitespace', {
          message: `${name} contains whitespace or quotes (often a trailing newline from a script); the SDK sends it as is and AWS rejects it.`,
          location: at(name),
          fixHint: `Export ${name} again without quotes or a trailing newline.`,
        }),
      );
    }
  }
  if (accessKeyId !== null || secretAccessKey !== null) {
    const part = (name: string, value: string | null) => (value === null ? null : { value, location: at(name) });
    findings.push(
      ...credentialFindings(
        {
          accessKeyId: part('AWS_ACCESS_KEY_ID', accessKeyId),
          secretAccessKey: part('AWS_SECRET_ACCESS_KEY', secretAccessKey),
          sessionToken: part('AWS_SESSION_TOKEN', sessionToken),
          expiration: part('AWS_CREDENTIAL_EXPIRATION', envValue(host, 'AWS_CREDENTIAL_EXPIRATION')),
        },
        null,
        host.now(),
        'the environment',
      ).filter((finding) => finding.id !== 'credentials.incomplete'),
    );
  }
  if (env.profile !== null && accessKeyId !== null && secretAccessKey !== null) {
    findings.push(
      makeFinding('env.profile-and-keys', {
        message: `AWS_PROFILE=${env.profile} and AWS_ACCESS_KEY_ID (${env.maskedKeyId}) are both set. The JavaScript SDK uses the profile and ignores the keys; the AWS CLI and boto3 use the keys. The same command can act as two different identities.`,
        location: at('AWS_PROFILE'),
        fixHint: 'Unset one of them: `unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN` or `unset AWS_PROFILE`.',
        profile: env.profile,
      }),
    );
  }
  if (env.profile !== null && !profileNames.has(env.profile)) {
    findings.push(
      makeFinding('env.profile-missing', {
        message: `AWS_PROFILE=${env.profile}, but no profile of that name exists in the credentials or config file; the SDK fails with "Could not load credentials".`,
        location: at('AWS_PROFILE'),
        fixHint: `Fix the name, create the profile (\`aws configure --profile ${env.profile}\`), or unset AWS_PROFILE.`,
        profile: env.profile,
      }),
    );
  }
  if (env.region === null && env.defaultRegion !== null) {
    findings.push(
      makeFinding('region.default-region-only', {
        message: `AWS_DEFAULT_REGION=${env.defaultRegion} is set but AWS_REGION is not. The AWS CLI uses AWS_DEFAULT_REGION; the JavaScript SDK reads only AWS_REGION and falls back to the profile's region.`,
        location: at('AWS_DEFAULT_REGION'),
        fixHint: `Also export AWS_REGION=${env.defaultRegion}.`,
      }),
    );
  }
  if (env.region !== null && !looksLikeRegionName(env.region)) {
    findings.push(
      makeFinding('region.invalid-shape', {
        message: `AWS_REGION=${JSON.stringify(env.region)} is not an AWS region name (like us-east-1).`,
        location: at('AWS_REGION'),
        fixHint: 'Export AWS_REGION with a region code such as eu-west-1.',
      }),
    );
  }
  for (const name of ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE'] as const) {
    const value = envValue(host, name);
    if (value !== null) {
      findings.push(
        makeFinding('env.files-overridden', {
          message: `${name}=${value}: the SDK reads that file instead of the one in ~/.aws.`,
          location: at(name),
          fixHint: `Edit ${value}, or unset ${name} to use the usual file.`,
        }),
      );
    }
  }
  for (const [name, value] of Object.entries(env.endpointUrls)) {
    findings.push(
      makeFinding('env.endpoint-override', {
        message: `${name}=${value} sends ${name === 'AWS_ENDPOINT_URL' ? 'every service' : 'that service'}'s requests there instead of to AWS.`,
        location: at(name),
        fixHint: `Unset ${name} unless you mean to use a local or private endpoint.`,
      }),
    );
  }
  return findings;
}
