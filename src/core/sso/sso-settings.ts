import { readFile } from 'node:fs/promises';
import { resolveEndpoint } from '../aws/endpoints';
import { parseWithSdk } from '../aws-files/sdk-ini';
import type { HostEnvironment } from '../host';
import { locateAwsFiles } from '../profiles/locate';
import { pickProxyEnv, type ProxyEnv } from '../aws/proxy-route';
import { SsoLoginError } from './sso-errors';

/** What signing in for one profile needs, read the way the AWS CLI's `sso login` reads it. */
export interface SsoSettings {
  profile: string;
  /** The sso-session section's name; null for a legacy profile with sso_start_url in the profile. */
  sessionName: string | null;
  startUrl: string;
  /** sso_region: where IAM Identity Center lives, not the profile's region. */
  region: string;
  accountId: string | null;
  roleName: string | null;
  /** sso_registration_scopes (sso-session only), or null. */
  scopes: string[] | null;
  /** Configured endpoints (AWS_ENDPOINT_URL_SSO_OIDC, services sections, endpoint_url); undefined for AWS's own. */
  oidcEndpoint: string | undefined;
  portalEndpoint: string | undefined;
  /** ~/.aws/sso/cache under the SDK's idea of home. */
  cacheDir: string;
  /** The host's proxy variables, so sign-in goes where the AWS CLI's would. */
  proxyEnv?: ProxyEnv;
}

/** awscli `parse_sso_registration_scopes`: comma separated, blanks dropped. */
function parseScopes(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  const scopes = raw
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  return scopes;
}

/** Reads the profile's SSO settings from the config file; throws `not-configured` with the CLI's wording when they are missing. */
export async function readSsoSettings(host: HostEnvironment, profile: string): Promise<SsoSettings> {
  const paths = locateAwsFiles(host);
  let configText = '';
  try {
    configText = await readFile(paths.config, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { configFile } = await parseWithSdk({ credentials: '', config: configText });
  const section = configFile[profile];
  if (!section) throw new SsoLoginError('not-configured', `The config file ${paths.config} has no profile "${profile}".`);
  const sessionName = section.sso_session ?? null;
  let source: Readonly<Record<string, string | undefined>> = section;
  if (sessionName !== null) {
    const session = configFile[`sso-session.${sessionName}`];
    if (!session) throw new SsoLoginError('not-configured', `The specified sso-session does not exist: "${sessionName}"`);
    source = session;
  }
  const missing = ['sso_start_url', 'sso_region'].filter((key) => !source[key]);
  if (missing.length > 0) {
    throw new SsoLoginError(
      'not-configured',
      `Missing the following required SSO configuration values: ${missing.join(', ')}. ` +
        (sessionName === null ? `To make sure profile "${profile}" is configured for SSO, run: aws configure sso --profile ${profile}` : ''),
    );
  }
  const endpointSettings = { profile: section, configSections: configFile };
  return {
    profile,
    sessionName,
    startUrl: source.sso_start_url!,
    region: source.sso_region!,
    accountId: section.sso_account_id ?? null,
    roleName: section.sso_role_name ?? null,
    scopes: sessionName === null ? null : parseScopes(source.sso_registration_scopes),
    oidcEndpoint: resolveEndpoint('sso-oidc', host.env, endpointSettings)?.url,
    portalEndpoint: resolveEndpoint('sso', host.env, endpointSettings)?.url,
    cacheDir: paths.ssoCacheDir,
    proxyEnv: pickProxyEnv(host.env),
  };
}
