import { callerArn, callerUserId } from '../principal';
import type { OperationContext, ServiceDefinition } from '../service';
import { SimError } from '../wire';
import { accountOfKeyId, type SimSession } from '../world';

/**
 * STS, Query protocol, API version 2011-06-15 (botocore `sts/2011-06-15/service-2.json`).
 * Error names and texts are those STS returns; sources are cited per test.
 */

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

function credentialsXml(session: SimSession) {
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: session.expiration,
  };
}

function duration(context: OperationContext, defaultSeconds: number, min: number, max: number): number {
  const raw = context.params['DurationSeconds'];
  if (raw === undefined) return defaultSeconds;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    // The model's min (900) is enforced by validation; the text follows STS's ValidationError form.
    throw new SimError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${seconds < min ? 'greater than or equal to ' + min : 'less than or equal to ' + max}`,
    );
  }
  return seconds;
}

/** Checks SerialNumber + TokenCode against the user's devices; STS's text for a wrong code. */
function checkMfa(context: OperationContext, devices: ReadonlyArray<{ serialNumber: string; code: string }>): boolean {
  const serial = context.params['SerialNumber'];
  const code = context.params['TokenCode'];
  if (serial === undefined && code === undefined) return false;
  if (code !== undefined && !/^\d{6}$/.test(code)) {
    throw new SimError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${code}' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*`,
    );
  }
  const device = devices.find((d) => d.serialNumber === serial);
  if (!device || device.code !== code) {
    throw new SimError('AccessDenied', 403, 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
  }
  return true;
}

/** The STS service definition. */
export const sts: ServiceDefinition = {
  signingName: 'sts',
  protocol: 'query',
  namespace: NAMESPACE,
  version: '2011-06-15',
  accessDeniedCode: 'AccessDenied',
  operations: {
    // Needs no permission and ignores explicit denies (botocore sts model, GetCallerIdentity doc).
    GetCallerIdentity: ({ caller }) => ({ UserId: callerUserId(caller), Account: caller.account.id, Arn: callerArn(caller) }),

    // Answers for any well-formed key id, active, inactive, deleted or never issued: the account is read from
    // the id itself (STS API reference, GetAccessKeyInfo: "does not indicate the state of the access key").
    // AccessKeyId: min 16, max 128, pattern [\w]* (botocore sts model, accessKeyIdType).
    GetAccessKeyInfo: (context) => {
      const id = context.params['AccessKeyId'];
      if (id === undefined)
        throw new SimError(
          'ValidationError',
          400,
          "1 validation error detected: Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null",
        );
      const problem =
        id.length < 16
          ? 'Member must have length greater than or equal to 16'
          : id.length > 128
            ? 'Member must have length less than or equal to 128'
            : /^\w+$/.test(id)
              ? null
              : 'Member must satisfy regular expression pattern: [\\w]*';
      if (problem)
        throw new SimError('ValidationError', 400, `1 validation error detected: Value '${id}' at 'accessKeyId' failed to satisfy constraint: ${problem}`);
      context.authorize('sts:GetAccessKeyInfo', '*');
      return { Account: accountOfKeyId(id) };
    },

    GetSessionToken: (context) => {
      const { caller, world } = context;
      if (caller.session) throw new SimError('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials');
      if (caller.kind !== 'user') throw new SimError('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials');
      // GetSessionToken needs no IAM permission (IAM User Guide, id_credentials_temp_control-access_getsessiontoken).
      const seconds = duration(context, 43_200, 900, 129_600);
      const mfa = checkMfa(context, caller.user.mfaDevices);
      const session = world.createSession({
        accountId: caller.account.id,
        principal: { kind: 'user', userName: caller.user.name },
        expiration: new Date(context.serverNow.getTime() + seconds * 1000),
        mfaAuthenticated: mfa,
        issuedBy: 'GetSessionToken',
        sourceAccessKeyId: caller.key.accessKeyId,
      });
      return { Credentials: credentialsXml(session) };
    },

    AssumeRole: (context) => {
      const { caller, world, params } = context;
      const roleArn = params['RoleArn'];
      const sessionName = params['RoleSessionName'];
      if (!roleArn || !sessionName) {
        const missing = [!roleArn ? 'roleArn' : null, !sessionName ? 'roleSessionName' : null].filter((v): v is string => v !== null);
        throw new SimError(
          'ValidationError',
          400,
          `${missing.length} validation error${missing.length > 1 ? 's' : ''} detected: ${missing.map((m) => `Value null at '${m}' failed to satisfy constraint: Member must not be null`).join('; ')}`,
        );
      }
      if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
        throw new SimError(
          'ValidationError',
          400,
          `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
        );
      }
      const role = world.findRoleByArn(roleArn);
      const notAuthorized = new SimError(
        'AccessDenied',
        403,
        `User: ${callerArn(caller)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
      context.authorize('sts:AssumeRole', roleArn);
      // A missing role and a trust policy that does not name the caller look the same from outside.
      if (!role) throw notAuthorized;
      const sourceArn = caller.kind === 'assumed-role' ? callerArn(caller) : caller.user.arn;
      const trusted = role.trustedPrincipals.some((p) => p === sourceArn || p === `arn:aws:iam::${caller.account.id}:root`);
      if (!trusted) throw notAuthorized;
      const devices = caller.kind === 'user' ? caller.user.mfaDevices : [];
      const mfa = checkMfa(context, devices) || (caller.session?.mfaAuthenticated ?? false);
      if (role.trustRequiresMfa && !mfa) throw notAuthorized;
      // A trust condition on sts:ExternalId fails like any other unmet trust condition.
      if (role.externalId !== undefined && params['ExternalId'] !== role.externalId) throw notAuthorized;
      const seconds = duration(context, 3600, 900, role.maxSessionDurationSeconds);
      const session = world.createSession({
        accountId: role.accountId,
        principal: { kind: 'assumed-role', roleName: role.name, sessionName },
        expiration: new Date(context.serverNow.getTime() + seconds * 1000),
        mfaAuthenticated: mfa,
        issuedBy: 'AssumeRole',
        ...(caller.key ? { sourceAccessKeyId: caller.key.accessKeyId } : {}),
      });
      return {
        Credentials: credentialsXml(session),
        AssumedRoleUser: { AssumedRoleId: `${role.roleId}:${sessionName}`, Arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}` },
      };
    },
  },
};
