import { SSOOIDCClient, type SSOOIDCServiceException } from '@aws-sdk/client-sso-oidc';
import { BoundedHttpHandler } from '../aws/bounded-http-handler';
import { SsoLoginError } from './sso-errors';
import type { SsoSettings } from './sso-settings';

/** The SSO OIDC client for a profile's sso_region and configured endpoint. Its operations are unsigned. */
export function oidcClientFor(settings: SsoSettings): SSOOIDCClient {
  return new SSOOIDCClient({
    region: settings.region,
    ...(settings.oidcEndpoint ? { endpoint: settings.oidcEndpoint } : {}),
    customUserAgent: 'mdb-doctor',
    requestHandler: new BoundedHttpHandler({ proxyEnv: settings.proxyEnv }),
  });
}

/** Where the un-modeled `/authorize` page lives: the client's own resolved endpoint, as the AWS CLI derives it. */
export async function oidcBaseUrl(client: SSOOIDCClient, settings: SsoSettings): Promise<string> {
  const endpoint = await client.config.endpointProvider({
    Region: settings.region,
    UseFIPS: false,
    UseDualStack: false,
    ...(settings.oidcEndpoint ? { Endpoint: settings.oidcEndpoint } : {}),
  });
  return endpoint.url.href.replace(/\/+$/, '');
}

/** The error name of an SDK failure, or undefined for anything else. */
export function oidcErrorName(error: unknown): string | undefined {
  return error instanceof Error ? (error as SSOOIDCServiceException).name : undefined;
}

/**
 * Turns an SSO OIDC failure into a typed sign-in failure. The service's own
 * `error_description` is kept (it names no secret); the request is never echoed.
 */
export function signInFailure(error: unknown, signal: AbortSignal | undefined, doing: string): SsoLoginError {
  if (error instanceof SsoLoginError) return error;
  if (signal?.aborted) return new SsoLoginError('cancelled', 'Sign-in was cancelled.');
  const name = oidcErrorName(error) ?? 'Error';
  const detail = (error as { error_description?: string }).error_description ?? (error instanceof Error ? error.message : String(error));
  switch (name) {
    case 'AccessDeniedException':
      return new SsoLoginError('denied', `IAM Identity Center refused the sign-in (${name}): ${detail}`);
    case 'ExpiredTokenException':
      return new SsoLoginError('expired', `The sign-in request expired before it was approved (${name}). Start again.`);
    case 'InvalidRequestException':
    case 'InvalidClientException':
    case 'InvalidGrantException':
    case 'InvalidScopeException':
    case 'UnauthorizedClientException':
    case 'UnsupportedGrantTypeException':
    case 'InvalidRequestRegionException':
    case 'InvalidClientMetadataException':
    case 'InvalidRedirectUriException':
      return new SsoLoginError('rejected', `IAM Identity Center refused ${doing} (${name}): ${detail}`);
    default:
      return new SsoLoginError('unreachable', `Could not ${doing} with IAM Identity Center (${name}): ${detail}`);
  }
}
