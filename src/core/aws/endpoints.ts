/** The AWS services the doctor calls, by the id the SDKs use for endpoint configuration. */
export type AwsService = 'sts' | 'iam' | 'memorydb' | 'account';

/** Services whose endpoint can be configured: the ones the doctor signs calls to, and IAM Identity Center's two. */
export type EndpointService = AwsService | 'sso' | 'sso-oidc';

/** Where a configured endpoint came from, for the evidence a user reads. */
export type EndpointSource = { kind: 'env'; variable: string } | { kind: 'services-section'; section: string } | { kind: 'profile'; key: 'endpoint_url' };

export interface ResolvedEndpoint {
  url: string;
  source: EndpointSource;
}

/** What endpoint resolution reads from the config file, in the shape @smithy/shared-ini-file-loader returns. */
export interface EndpointSettings {
  /** The selected profile's keys (endpoint_url, services, ignore_configured_endpoint_urls). */
  profile: Readonly<Record<string, string | undefined>>;
  /** Every config-file section, keyed as the loader keys them (`services.NAME` holds `memorydb.endpoint_url`). */
  configSections: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>;
}

const envSuffix: Record<EndpointService, string> = { sts: 'STS', iam: 'IAM', memorydb: 'MEMORYDB', account: 'ACCOUNT', sso: 'SSO', 'sso-oidc': 'SSO_OIDC' };
/** The key a `services` section uses: the service id in snake case (`sso_oidc.endpoint_url`). */
const sectionKey = (service: EndpointService): string => service.replace(/-/g, '_');

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The endpoint an AWS SDK would use for `service`, following the precedence of the AWS SDKs
 * and Tools reference guide ("Service-specific endpoints"): AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_ENDPOINT_URL, the profile's `services` section, the profile's `endpoint_url`; all
 * ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or ignore_configured_endpoint_urls is true.
 * We resolve it ourselves because SDK v3 applies a profile's endpoint_url only when the
 * profile is selected through AWS_PROFILE, not through a client's `profile` option.
 * Returns undefined for the service's default AWS endpoint.
 */
export function resolveEndpoint(
  service: EndpointService,
  env: Readonly<Record<string, string | undefined>>,
  settings: EndpointSettings,
): ResolvedEndpoint | undefined {
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) || isTrue(settings.profile.ignore_configured_endpoint_urls)) {
    return undefined;
  }
  const serviceVariable = `AWS_ENDPOINT_URL_${envSuffix[service]}`;
  const fromServiceEnv = nonEmpty(env[serviceVariable]);
  if (fromServiceEnv) return { url: fromServiceEnv, source: { kind: 'env', variable: serviceVariable } };
  const fromGlobalEnv = nonEmpty(env.AWS_ENDPOINT_URL);
  if (fromGlobalEnv) return { url: fromGlobalEnv, source: { kind: 'env', variable: 'AWS_ENDPOINT_URL' } };
  const servicesName = nonEmpty(settings.profile.services);
  if (servicesName) {
    const section = settings.configSections[`services.${servicesName}`];
    const fromSection = nonEmpty(section?.[`${sectionKey(service)}.endpoint_url`]);
    if (fromSection) return { url: fromSection, source: { kind: 'services-section', section: servicesName } };
  }
  const fromProfile = nonEmpty(settings.profile.endpoint_url);
  if (fromProfile) return { url: fromProfile, source: { kind: 'profile', key: 'endpoint_url' } };
  return undefined;
}
