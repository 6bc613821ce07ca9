import type { ReceivedRequest } from '../sigv4';
import type { SsoDirectory } from '../sso-directory';
import type { WireResponse } from '../wire';
import type { SimWorld } from '../world';

/**
 * The IAM Identity Center portal (sso, rest-json, bearer token in x-amz-sso_bearer_token):
 * GetRoleCredentials, ListAccounts, ListAccountRoles, Logout. A missing, unknown or expired
 * token answers UnauthorizedException 401 "Session token not found or invalid"; a role the
 * person is not assigned answers ForbiddenException 403 "No access", which the SDK model
 * does not list, so clients see it by name only.
 */

const ROLE_SECONDS = 3600;
const PORTAL_ROUTES: Readonly<Record<string, string>> = {
  'GET /federation/credentials': 'GetRoleCredentials',
  'GET /assignment/accounts': 'ListAccounts',
  'GET /assignment/roles': 'ListAccountRoles',
  'POST /logout': 'Logout',
};

function json(status: number, body: unknown, errorType?: string): WireResponse {
  return { status, headers: { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}) }, body: JSON.stringify(body) };
}

const unauthorized = () => json(401, { message: 'Session token not found or invalid' }, 'UnauthorizedException');

function queryValue(request: ReceivedRequest, name: string): string | undefined {
  const value = request.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Answers a portal request, or null when the path is not one of its operations. */
export function ssoPortalResponse(
  directory: SsoDirectory,
  world: SimWorld,
  request: ReceivedRequest,
  now: number,
): { operation: string; response: WireResponse } | null {
  const operation = PORTAL_ROUTES[`${request.method} ${request.path}`];
  if (!operation) return null;
  const bearer = request.headers['x-amz-sso_bearer_token'];
  const token = bearer ? directory.accessTokens.get(bearer) : undefined;
  if (!bearer || !token || token.expiresAt <= now) return { operation, response: unauthorized() };
  const instance = directory.instanceFor(token.startUrl);
  if (!instance) return { operation, response: unauthorized() };
  if (operation === 'Logout') {
    directory.accessTokens.delete(bearer);
    return { operation, response: json(200, {}) };
  }
  if (operation === 'ListAccounts') {
    const accounts = [...new Map(instance.assignments.map((a) => [a.accountId, a])).values()];
    return {
      operation,
      response: json(200, {
        accountList: accounts.map((a) => ({ accountId: a.accountId, accountName: a.accountName, emailAddress: `aws+${a.accountId}@example.com` })),
      }),
    };
  }
  const accountId = queryValue(request, 'account_id');
  if (!accountId) return { operation, response: json(400, { message: 'account_id is required' }, 'InvalidRequestException') };
  if (operation === 'ListAccountRoles') {
    const roles = instance.assignments.filter((a) => a.accountId === accountId).map((a) => ({ roleName: a.roleName, accountId: a.accountId }));
    return { operation, response: json(200, { roleList: roles }) };
  }
  const roleName = queryValue(request, 'role_name');
  if (!roleName) return { operation, response: json(400, { message: 'role_name is required' }, 'InvalidRequestException') };
  const assignment = instance.assignments.find((a) => a.accountId === accountId && a.roleName === roleName);
  if (!assignment) return { operation, response: json(403, { message: 'No access' }, 'ForbiddenException') };
  const session = world.createSession({
    accountId,
    principal: { kind: 'assumed-role', roleName: assignment.iamRoleName, sessionName: instance.userName },
    expiration: new Date(now + ROLE_SECONDS * 1000),
    mfaAuthenticated: false,
    issuedBy: 'AssumeRole',
  });
  return {
    operation,
    response: json(200, {
      roleCredentials: {
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken,
        expiration: session.expiration.getTime(),
      },
    }),
  };
}
