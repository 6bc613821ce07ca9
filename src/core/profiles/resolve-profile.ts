import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { AwsFileKind, FindingLocation } from '../../shared/model/finding';
import type { ProfileKind, SourcedValue, ValueSource } from '../../shared/model/profile';
import type { IniMap } from '../aws-files/ini-lines';
import type { HostEnvironment } from '../host';
import { credentialFindings } from './credential-checks';
import { looksLikeRegionName, memoryDbEndpointVariable, type EnvironmentState } from './environment';
import { cleanValue, headerTextOf } from './file-findings';
import { displayValue, maskKeyId, secretKeys } from './mask';
import { readSsoToken } from './sso-cache';
import {
  isAssumeRoleProfile,
  isProcessProfile,
  isSsoProfile,
  isStaticProfile,
  isWebIdentityProfile,
  type ChainOutcome,
  type SourceChains,
} from './source-chains';
import { makeFinding, type AwsFileState, type ProfileDetail, type CatalogueFinding } from './types';

type Profile = Record<string, string>;

/** Everything one profile's resolution needs, shared across all profiles of a load. */
export interface ResolveContext {
  host: HostEnvironment;
  ssoCacheDir: string;
  env: EnvironmentState;
  files: Record<AwsFileKind, AwsFileState>;
  /** The SDK's own maps: config (profile names normalised) and credentials. */
  configFile: IniMap;
  credentialsFile: IniMap;
  /** `parseKnownFiles`: config merged with credentials, credentials winning. */
  merged: IniMap;
  /** file kind -> canonical section -> key -> last line that sets it. */
  lineIndex: Record<AwsFileKind, Map<string, Map<string, number>>>;
  /** Whether the config file's raw parse has a `[profile default]` with entries. */
  configHasProfileDefault: boolean;
  /** The source_profile chains of `merged`, each walked once. */
  sourceChains: SourceChains;
}

/**
 * The kind the SDK's default chain would use: fromSSO runs before fromIni, then fromIni's
 * own order (assume-role, static, web identity, process).
 */
export function classifyProfile(data: Profile | undefined): ProfileKind {
  if (isSsoProfile(data)) return 'sso';
  if (isAssumeRoleProfile(data)) return 'assume-role';
  if (isStaticProfile(data)) return data!.aws_session_token ? 'temporary' : 'static';
  if (isWebIdentityProfile(data)) return 'web-identity';
  if (isProcessProfile(data)) return 'process';
  return 'unknown';
}

/** The config file's section for a profile, following getConfigData's `[profile default]` rule. */
function configSectionOf(context: ResolveContext, name: string): string {
  if (name === 'default') return context.configHasProfileDefault ? 'profile.default' : 'default';
  return `profile.${name}`;
}

function sourceOf(context: ResolveContext, file: AwsFileKind, section: string, key: string): ValueSource | null {
  const line = context.lineIndex[file].get(section)?.get(key);
  return line === undefined ? null : { file, path: context.files[file].path, line };
}

function locationOf(source: ValueSource | null): FindingLocation | null {
  if (source === null) return null;
  return 'env' in source ? { file: 'environment', variable: source.env } : { file: source.file, path: source.path, line: source.line };
}

/** Which file a key's winning value came from under `parseKnownFiles` (credentials over config). */
function winningSource(context: ResolveContext, name: string, key: string): ValueSource | null {
  if (Object.hasOwn(context.credentialsFile, name) && Object.hasOwn(context.credentialsFile[name]!, key)) return sourceOf(context, 'credentials', name, key);
  return sourceOf(context, 'config', configSectionOf(context, name), key);
}

/** The file and literal section header holding a key's winning value, handed to a fix builder. */
function fixTarget<T>(context: ResolveContext, name: string, key: string, build: (target: { file: AwsFileKind; section: string }) => T): T | null {
  const source = winningSource(context, name, key);
  if (source === null || 'env' in source) return null;
  const section = headerTextOf(context.files[source.file], source.file === 'credentials' ? name : configSectionOf(context, name));
  return section === null ? null : build({ file: source.file, section });
}

function valueFrom(map: IniMap, name: string, key: string): string | undefined {
  return Object.hasOwn(map, name) && Object.hasOwn(map[name]!, key) ? map[name]![key] : undefined;
}

/** The region `NODE_REGION_CONFIG_OPTIONS` yields: AWS_REGION, else the files with the credentials file preferred. */
function resolveRegion(context: ResolveContext, name: string): SourcedValue | null {
  if (context.env.region !== null) return { value: context.env.region, source: { env: 'AWS_REGION' } };
  const fromCredentials = valueFrom(context.credentialsFile, name, 'region');
  if (fromCredentials !== undefined) return { value: fromCredentials, source: sourceOf(context, 'credentials', name, 'region')! };
  const fromConfig = valueFrom(context.configFile, name, 'region');
  if (fromConfig !== undefined) return { value: fromConfig, source: sourceOf(context, 'config', configSectionOf(context, name), 'region')! };
  return null;
}

/** A setting as `loadConfig` reads it for everything but region: config file preferred. */
function configPreferred(context: ResolveContext, name: string, key: string): SourcedValue | null {
  const fromConfig = valueFrom(context.configFile, name, key);
  if (fromConfig !== undefined) return { value: fromConfig, source: sourceOf(context, 'config', configSectionOf(context, name), key)! };
  const fromCredentials = valueFrom(context.credentialsFile, name, key);
  if (fromCredentials !== undefined) return { value: fromCredentials, source: sourceOf(context, 'credentials', name, key)! };
  return null;
}

/** MemoryDB's endpoint as `getEndpointFromConfig('MemoryDB')` resolves it. */
function resolveEndpoint(context: ResolveContext, name: string, findings: CatalogueFinding[]): { endpoint: SourcedValue | null; services: string | null } {
  const services = configPreferred(context, name, 'services');
  const ignore = context.host.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? configPreferred(context, name, 'ignore_configured_endpoint_urls')?.value;
  if (ignore === 'true') return { endpoint: null, services: services?.value ?? null };
  for (const variable of [memoryDbEndpointVariable, 'AWS_ENDPOINT_URL']) {
    const value = context.env.endpointUrls[variable];
    if (value) return { endpoint: { value, source: { env: variable } }, services: services?.value ?? null };
  }
  if (services) {
    const section = `services.${services.value}`;
    if (!Object.hasOwn(context.configFile, section)) {
      findings.push(
        makeFinding('services.missing', {
          message: `The profile sets services = ${services.value}, but the config file has no [services ${services.value}] section; the SDK then fails when it resolves endpoints.`,
          location: locationOf(services.source),
          fixHint: `Add a [services ${services.value}] section or remove the services line.`,
          profile: name,
        }),
      );
    } else {
      const value = valueFrom(context.configFile, section, 'memorydb.endpoint_url');
      if (value !== undefined) return { endpoint: { value, source: sourceOf(context, 'config', section, 'memorydb.endpoint_url')! }, services: services.value };
    }
  }
  return { endpoint: configPreferred(context, name, 'endpoint_url'), services: services?.value ?? null };
}

/** Whether a URL is plain http to a host other than this machine (LocalStack on 127.0.0.1 stays local). */
function isCleartextRemote(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:') return false;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host === '::1' || /^127\./.test(host));
}

/** An http:// endpoint sends every signed request, with any session token, unencrypted. */
function cleartextEndpointFindings(name: string, endpoints: Array<SourcedValue | null>, findings: CatalogueFinding[]): void {
  const cleartext = endpoints.find((endpoint): endpoint is SourcedValue => endpoint !== null && isCleartextRemote(endpoint.value));
  if (!cleartext) return;
  findings.push(
    makeFinding('endpoint.cleartext', {
      message: `The endpoint ${cleartext.value} is plain http: every request, its signature and any session token cross the network unencrypted, and anyone on the path can read or change the answers.`,
      location: locationOf(cleartext.source),
      fixHint: "Use the https:// address of the endpoint (AWS endpoints are https only), or remove the endpoint setting to use AWS's own.",
      profile: name,
    }),
  );
}

async function ssoFindings(context: ResolveContext, name: string, data: Profile, findings: CatalogueFinding[]): Promise<void> {
  const where = (key: string) => locationOf(winningSource(context, name, key));
  const anySsoKey = ['sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'].find((key) => data[key] !== undefined)!;
  const effective: Profile = { ...data };
  let tokenId: string | undefined;
  if (data.sso_session !== undefined) {
    const session = context.configFile[`sso-session.${data.sso_session}`];
    const missingKeys = session ? ['sso_start_url', 'sso_region'].filter((key) => !session[key]) : [];
    if (!session || missingKeys.length > 0) {
      findings.push(
        makeFinding('sso.session-missing', {
          message: session
            ? `[sso-session ${data.sso_session}] lacks ${missingKeys.join(' and ')}, which the SDK requires.`
            : `The profile uses sso_session = ${data.sso_session}, but the config file has no [sso-session ${data.sso_session}] section.`,
          location: where('sso_session'),
          fixHint: `Run \`aws configure sso-session\` or add [sso-session ${data.sso_session}] with sso_start_url and sso_region.`,
          profile: name,
        }),
      );
      return;
    }
    for (const key of ['sso_region', 'sso_start_url'] as const) {
      if (data[key] !== undefined && data[key] !== session[key]) {
        findings.push(
          makeFinding('sso.session-conflict', {
            message: `The profile's ${key} (${data[key]}) differs from ${key} in [sso-session ${data.sso_session}] (${session[key]}); the SDK refuses the profile.`,
            location: where(key),
            fixHint: `Remove ${key} from the profile; the sso-session section provides it.`,
            fix: fixTarget(context, name, key, (target) => ({ kind: 'remove-key', ...target, key })),
            profile: name,
          }),
        );
      }
    }
    effective.sso_region = session.sso_region!;
    effective.sso_start_url = session.sso_start_url!;
    tokenId = data.sso_session;
  } else {
    tokenId = data.sso_start_url;
  }
  const missing = ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'].filter((key) => !effective[key]);
  if (missing.length > 0) {
    findings.push(
      makeFinding('sso.incomplete', {
        message: `The SSO profile lacks ${missing.join(', ')}; the SDK stops with "Profile is configured with invalid SSO credentials".`,
        location: where(anySsoKey),
        fixHint: `Run \`aws configure sso --profile ${name}\` to fill in the missing settings.`,
        profile: name,
      }),
    );
  }
  if (!tokenId) return;
  const token = await readSsoToken(context.ssoCacheDir, tokenId, context.host.now(), data.sso_session !== undefined);
  const location: FindingLocation = { file: 'sso-cache', path: token.path, line: null };
  const login = `aws sso login ${data.sso_session !== undefined ? `--sso-session ${data.sso_session}` : `--profile ${name}`}`;
  if (token.status === 'missing') {
    findings.push(
      makeFinding('sso.token-missing', {
        message: `No cached SSO token for ${data.sso_session ? `sso-session ${data.sso_session}` : tokenId}: you have not signed in on this machine yet (or the cache was cleared).`,
        location,
        fixHint: `Run: ${login}`,
        profile: name,
      }),
    );
  } else if (token.status === 'unreadable') {
    findings.push(
      makeFinding('sso.token-unreadable', {
        message: `The cached SSO token ${token.path} is unusable: ${token.reason}.`,
        location,
        fixHint: `Run: ${login} (it rewrites the file).`,
        profile: name,
      }),
    );
  } else if (token.status === 'expired' && !token.refreshable) {
    findings.push(
      makeFinding('sso.token-expired', {
        message: `The SSO session expired at ${token.expiresAt.toISOString()}; the SDK fails with "The SSO session associated with this profile has expired".`,
        location,
        fixHint: `Run: ${login}`,
        profile: name,
      }),
    );
  } else if (token.status === 'expiring' || token.status === 'expired') {
    findings.push(
      makeFinding('sso.token-expiring', {
        message:
          token.status === 'expired'
            ? `The SSO access token expired at ${token.expiresAt.toISOString()}; the SDK will try to refresh it with the cached refresh token.`
            : `The SSO session expires at ${token.expiresAt.toISOString()}, in under ${Math.ceil((token.expiresAt.getTime() - context.host.now().getTime()) / 60000)} minutes.`,
        location,
        fixHint: `Run ${login} before a long task.`,
        profile: name,
      }),
    );
  }
}

function roleFindings(context: ResolveContext, name: string, data: Profile, chain: string[], outcome: ChainOutcome, findings: CatalogueFinding[]): void {
  const shownChain = chain.join(' → ');
  const where = (key: string, profile = name) => locationOf(winningSource(context, profile, key));
  if (data.role_arn !== undefined && data.source_profile !== undefined && data.credential_source !== undefined) {
    findings.push(
      makeFinding('source-profile.conflict', {
        message: 'Both source_profile and credential_source are set; the SDK accepts only one, so it does not treat the profile as a role at all.',
        location: where('credential_source'),
        fixHint: 'Keep source_profile (credentials from another profile) or credential_source (from the environment, ECS or EC2), not both.',
        profile: name,
      }),
    );
  }
  if (outcome.status === 'missing') {
    findings.push(
      makeFinding('source-profile.missing', {
        message: `The chain ${shownChain} ends at "${outcome.name}", which is not a profile in either file.`,
        location: where('source_profile', outcome.from),
        fixHint: `Fix the source_profile name or create profile "${outcome.name}".`,
        profile: name,
      }),
    );
  } else if (outcome.status === 'cycle') {
    findings.push(
      makeFinding('source-profile.cycle', {
        message: `source_profile loops: ${outcome.names.join(' → ')}. The SDK stops with "Detected a cycle attempting to resolve credentials".`,
        location: where('source_profile'),
        fixHint: 'Point the last profile of the chain at one that holds keys (or uses credential_source) instead.',
        profile: name,
      }),
    );
  } else if (outcome.status === 'invalid-credential-source') {
    findings.push(
      makeFinding('credential-source.invalid', {
        message: `credential_source = ${outcome.value} in profile ${outcome.name}; the SDK accepts only EcsContainer, Ec2InstanceMetadata or Environment (case matters).`,
        location: where('credential_source', outcome.name),
        fixHint: 'Use one of EcsContainer, Ec2InstanceMetadata, Environment.',
        profile: name,
      }),
    );
  } else if (outcome.status === 'unresolvable') {
    findings.push(
      makeFinding('source-profile.unresolvable', {
        message: `Source profile "${outcome.name}" (in ${shownChain}) has no keys, role, SSO or process to take credentials from.`,
        location: where('source_profile', outcome.from ?? name),
        fixHint: `Give profile "${outcome.name}" credentials, or point source_profile at a profile that has them.`,
        profile: name,
      }),
    );
  }
  if (data.mfa_serial !== undefined) {
    findings.push(
      makeFinding('role.mfa-required', {
        message: `Assuming this role needs an MFA code for ${data.mfa_serial}; programs that cannot prompt (most SDK apps) fail with "requires multi-factor authentication".`,
        location: where('mfa_serial'),
        fixHint: 'Use the AWS CLI (which prompts), or get MFA session credentials first.',
        profile: name,
      }),
    );
  }
}

function mixedSources(data: Profile, kind: ProfileKind): string[] {
  const present: string[] = [];
  if (data.aws_access_key_id !== undefined || data.aws_secret_access_key !== undefined) present.push('access keys');
  if (data.role_arn !== undefined && (data.source_profile !== undefined || data.credential_source !== undefined)) present.push('role_arn');
  if (isSsoProfile(data)) present.push('SSO settings');
  if (data.credential_process !== undefined) present.push('credential_process');
  if (data.web_identity_token_file !== undefined) present.push('web_identity_token_file');
  return present.length > 1 && kind !== 'unknown' ? present : [];
}

/** Resolves one profile the way the SDK would, with every static finding about it. */
export async function resolveProfile(context: ResolveContext, name: string, environmentWins: boolean): Promise<ProfileDetail> {
  const data: Profile = context.merged[name] ?? {};
  const kind = classifyProfile(data);
  const findings: CatalogueFinding[] = [];
  const sources: Record<string, ValueSource> = {};
  const settings: Record<string, string> = {};
  for (const key of Object.keys(data)) {
    const source = winningSource(context, name, key);
    if (source) sources[key] = source;
    if (!secretKeys.has(key) && key !== 'aws_access_key_id') settings[key] = displayValue(key, data[key]!);
  }
  const region = resolveRegion(context, name);
  if (region !== null && 'env' in region.source) {
    sources.region = region.source;
    const own = valueFrom(context.credentialsFile, name, 'region') ?? valueFrom(context.configFile, name, 'region');
    if (own !== undefined && own !== region.value) {
      findings.push(
        makeFinding('region.env-override', {
          message: `AWS_REGION=${region.value} overrides this profile's region ${own}.`,
          location: locationOf(winningSource(context, name, 'region')),
          fixHint: `Unset AWS_REGION to use ${own}, or change the profile's region.`,
          profile: name,
        }),
      );
    }
  }
  if (region === null) {
    findings.push(
      makeFinding('region.missing', {
        message: 'Neither AWS_REGION nor the profile sets a region; the SDK fails with "Region is missing" (unless it runs on EC2).',
        location: null,
        fixHint: `Run: aws configure set region <region> --profile ${name}`,
        profile: name,
      }),
    );
  } else if (!('env' in region.source) && !looksLikeRegionName(region.value)) {
    const cleaned = cleanValue('region', region.value);
    const file = region.source.file;
    const section = headerTextOf(context.files[file], file === 'credentials' ? name : configSectionOf(context, name));
    findings.push(
      makeFinding('region.invalid-shape', {
        message: `region = ${JSON.stringify(region.value)} is not an AWS region name (like us-east-1); the SDK rejects it or calls a host that does not exist.`,
        location: locationOf(region.source),
        fixHint: looksLikeRegionName(cleaned) ? `Change it to ${cleaned}.` : 'Set a region code such as eu-west-1.',
        fix: looksLikeRegionName(cleaned) && section !== null ? { kind: 'set-value', file, section, key: 'region', value: cleaned } : null,
        profile: name,
      }),
    );
  }
  const { endpoint, services } = resolveEndpoint(context, name, findings);
  cleartextEndpointFindings(name, [endpoint, configPreferred(context, name, 'endpoint_url')], findings);
  let chain = [name];
  if (isAssumeRoleProfile(data) || (data.role_arn !== undefined && data.source_profile !== undefined && data.credential_source !== undefined)) {
    const walk = context.sourceChains.walk(name);
    chain = walk.chain;
    roleFindings(context, name, data, chain, isAssumeRoleProfile(data) ? walk.outcome : { status: 'ok' }, findings);
  }
  if (isSsoProfile(data)) await ssoFindings(context, name, data, findings);
  if (data.web_identity_token_file !== undefined && isAbsolute(data.web_identity_token_file)) {
    const exists = await stat(data.web_identity_token_file).then(
      (info) => info.isFile(),
      () => false,
    );
    if (!exists) {
      findings.push(
        makeFinding('web-identity.token-file-missing', {
          message: `web_identity_token_file points at ${data.web_identity_token_file}, which does not exist here.`,
          location: locationOf(winningSource(context, name, 'web_identity_token_file')),
          fixHint: 'This profile only works where that token is mounted (e.g. in the Kubernetes pod); fix the path or use another profile locally.',
          profile: name,
        }),
      );
    }
  }
  const part = (key: string) => (data[key] === undefined ? null : { value: data[key]!, location: locationOf(winningSource(context, name, key))! });
  findings.push(
    ...credentialFindings(
      {
        accessKeyId: part('aws_access_key_id'),
        secretAccessKey: part('aws_secret_access_key'),
        sessionToken: part('aws_session_token'),
        expiration: part('aws_expiration') ?? part('x_security_token_expires'),
      },
      name,
      context.host.now(),
      `profile ${name}`,
    ),
  );
  const mixed = mixedSources(data, kind);
  if (mixed.length > 0) {
    findings.push(
      makeFinding('profile.mixed-sources', {
        message: `The profile has ${mixed.join(' and ')}; the SDK uses only its ${kind} settings and ignores the rest.`,
        location: null,
        fixHint: 'Keep one way of getting credentials per profile; move the others to their own profile.',
        profile: name,
      }),
    );
  }
  // login_session profiles (`aws login`) resolve through credential-provider-login; the kind enum has no name for them yet.
  if (kind === 'unknown' && data.login_session === undefined) {
    findings.push(
      makeFinding('profile.no-credentials', {
        message: `Profile ${name} has no access keys, role, SSO, credential_process or web identity settings; the SDK fails with "Could not resolve credentials using profile: [${name}]".`,
        location: null,
        fixHint: `Add credentials with \`aws configure --profile ${name}\`, or use it only as a source of settings.`,
        profile: name,
      }),
    );
  }
  const shadowedBy = environmentWins && name === 'default' ? 'AWS_ACCESS_KEY_ID' : null;
  if (shadowedBy !== null) {
    findings.push(
      makeFinding('env.shadows-profile', {
        message: `AWS_ACCESS_KEY_ID (${context.env.maskedKeyId}) and AWS_SECRET_ACCESS_KEY are set, and AWS_PROFILE is not: the SDK uses those environment keys, not this [default] profile.`,
        location: { file: 'environment', variable: 'AWS_ACCESS_KEY_ID' },
        fixHint: 'Run `unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN` (and check your shell profile) to use the [default] profile.',
        profile: name,
      }),
    );
  }
  const keyId = data.aws_access_key_id ?? null;
  return {
    name,
    kind,
    sources,
    region,
    endpointUrl: endpoint,
    servicesSection: services,
    maskedKeyId: keyId === null ? null : maskKeyId(keyId),
    hasSessionToken: data.aws_session_token !== undefined,
    sourceProfileChain: chain,
    findings,
    settings,
    secrets: { accessKeyId: keyId, secretAccessKey: data.aws_secret_access_key ?? null, sessionToken: data.aws_session_token ?? null },
    shadowedBy,
  };
}
