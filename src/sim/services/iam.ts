import { evaluate } from '../policy';
import { entityPolicies } from '../principal';
import { memberList, type OperationContext, type ServiceDefinition } from '../service';
import { SimError } from '../wire';
import type { SimAccessKey, SimIamUser, SimRole } from '../world';

/**
 * IAM, Query protocol, API version 2010-05-08 (botocore `iam/2010-05-08/service-2.json`).
 * IAM is global: every request is served as us-east-1, IAM's signing region.
 */

const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
const KEYS_PER_USER = 2;
const KEY_OPERATIONS = new Set(['ListAccessKeys', 'CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey']);

const noSuchUser = (name: string): SimError => new SimError('NoSuchEntity', 404, `The user with name ${name} cannot be found.`);
const noSuchKey = (id: string): SimError => new SimError('NoSuchEntity', 404, `The Access Key with id ${id} cannot be found.`);

/**
 * The user an IAM call is about, authorized for `action`: the named one, or the caller's own
 * user when the name is omitted. With role credentials the name is required ("Must specify
 * userName when calling with non-User credentials", the message IAM gives).
 */
function targetUser(context: OperationContext, action: string, required = false): SimIamUser {
  const { caller, world } = context;
  const name = context.params['UserName'];
  if (name === undefined || name === '') {
    if (required)
      throw new SimError('ValidationError', 400, "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null");
    // The access-key operations' docs: "If a temporary access key is used, then UserName is required."
    if (caller.kind !== 'user' || (caller.session && KEY_OPERATIONS.has(action))) {
      throw new SimError('ValidationError', 400, 'Must specify userName when calling with non-User credentials');
    }
    context.authorize(`iam:${action}`, caller.user.arn, `user ${caller.user.name}`);
    return caller.user;
  }
  if (!/^[\w+=,.@-]{1,128}$/.test(name)) {
    throw new SimError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${name}' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
  const user = world.findUser(caller.account.id, name);
  // IAM checks permission on the user's ARN before it reveals whether the user exists.
  context.authorize(`iam:${action}`, user?.arn ?? `arn:aws:iam::${caller.account.id}:user/${name}`, `user ${name}`);
  if (!user) throw noSuchUser(name);
  return user;
}

function keyOf(context: OperationContext, user: SimIamUser, id: string | undefined): SimAccessKey {
  if (!id)
    throw new SimError(
      'ValidationError',
      400,
      "1 validation error detected: Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null",
    );
  const key = context.world.findKey(id);
  if (!key || key.accountId !== user.accountId || key.userName !== user.name) throw noSuchKey(id);
  return key;
}

const keyMetadata = (key: SimAccessKey) => ({ UserName: key.userName, AccessKeyId: key.accessKeyId, Status: key.status, CreateDate: key.createDate });

function sourceEntity(context: OperationContext, arn: string): SimIamUser | SimRole {
  const { world, caller } = context;
  // docs/aws-behaviour.md §4: an STS assumed-role ARN is rejected (newrelic/newrelic-lambda-cli#96) before any permission check.
  if (!/^arn:aws:iam::\d{12}:(user|role|group)\//.test(arn)) {
    throw new SimError('InvalidInput', 400, `Invalid Entity Arn: ${arn} does not clearly define entity type and name.`);
  }
  context.authorize('iam:SimulatePrincipalPolicy', arn);
  const entity = world.users.find((u) => u.arn === arn) ?? world.findRoleByArn(arn);
  if (entity) return entity;
  const name = arn.split('/').pop() ?? arn;
  throw new SimError('NoSuchEntity', 404, `${arn.includes(':role/') ? 'Role' : 'User'} ${name} does not exist in account ${caller.account.id}`);
}

/** PolicySourceType as the IAM model enumerates it (user, role, user-managed, aws-managed, ...). */
function policySourceType(id: string, entity: SimIamUser | SimRole): string {
  if (id.startsWith('arn:aws:iam::aws:')) return 'aws-managed';
  if (id.startsWith('arn:')) return 'user-managed';
  return 'userId' in entity ? 'user' : 'role';
}

/** The IAM service definition. */
export const iam: ServiceDefinition = {
  signingName: 'iam',
  protocol: 'query',
  namespace: NAMESPACE,
  version: '2010-05-08',
  homeRegion: 'us-east-1',
  accessDeniedCode: 'AccessDenied',
  operations: {
    GetUser: (context) => {
      const user = targetUser(context, 'GetUser');
      return { User: { Path: user.path, UserName: user.name, UserId: user.userId, Arn: user.arn, CreateDate: user.createDate } };
    },

    // IAM API SetSecurityTokenServicePreferences: which token version the global STS endpoint issues from now
    // on. Tokens already issued keep their version, as on AWS (IAM User Guide, id_credentials_temp_region).
    SetSecurityTokenServicePreferences: (context) => {
      context.authorize('iam:SetSecurityTokenServicePreferences', '*');
      const version = context.params['GlobalEndpointTokenVersion'];
      if (version !== 'v1Token' && version !== 'v2Token')
        throw new SimError(
          'ValidationError',
          400,
          `1 validation error detected: Value '${version ?? ''}' at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must satisfy enum value set: [v1Token, v2Token]`,
        );
      context.caller.account.globalEndpointTokenVersion = version;
      return null;
    },

    ListAccessKeys: (context) => {
      const user = targetUser(context, 'ListAccessKeys');
      return { AccessKeyMetadata: context.world.keysOf(user.name, user.accountId).map(keyMetadata), IsTruncated: false };
    },

    CreateAccessKey: (context) => {
      const user = targetUser(context, 'CreateAccessKey');
      // Quota counts active and inactive keys (docs/aws-behaviour.md §4; message from fwdcloudsec/granted#388).
      if (context.world.keysOf(user.name, user.accountId).length >= KEYS_PER_USER) {
        throw new SimError('LimitExceeded', 409, `Cannot exceed quota for AccessKeysPerUser: ${KEYS_PER_USER}`);
      }
      const key = context.world.createAccessKey(user, {
        createDate: context.serverNow,
        usableAfterMs: context.caller.account.knobs.propagationDelayMs ?? context.propagationDelayMs,
      });
      return { AccessKey: { ...keyMetadata(key), SecretAccessKey: key.secretAccessKey } };
    },

    UpdateAccessKey: (context) => {
      const user = targetUser(context, 'UpdateAccessKey');
      const status = context.params['Status'];
      if (status !== 'Active' && status !== 'Inactive') {
        throw new SimError(
          'ValidationError',
          400,
          `1 validation error detected: Value '${status ?? 'null'}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]`,
        );
      }
      keyOf(context, user, context.params['AccessKeyId']).status = status;
      return null;
    },

    DeleteAccessKey: (context) => {
      const user = targetUser(context, 'DeleteAccessKey');
      const key = keyOf(context, user, context.params['AccessKeyId']);
      context.world.keys.delete(key.accessKeyId);
      return null;
    },

    GetAccessKeyLastUsed: (context) => {
      const id = context.params['AccessKeyId'];
      const key = id ? context.world.findKey(id) : undefined;
      if (!id || !key || key.accountId !== context.caller.account.id) throw noSuchKey(id ?? 'null');
      const owner = context.world.findUser(key.accountId, key.userName);
      if (owner) context.authorize('iam:GetAccessKeyLastUsed', owner.arn, `user ${owner.name}`);
      // Never-used keys report N/A for service and region and no date (GetAccessKeyLastUsed API reference).
      const used = key.lastUsed;
      return {
        UserName: key.userName,
        AccessKeyLastUsed: used ? { LastUsedDate: used.date, ServiceName: used.serviceName, Region: used.region } : { ServiceName: 'N/A', Region: 'N/A' },
      };
    },

    ListAttachedUserPolicies: (context) => {
      const user = targetUser(context, 'ListAttachedUserPolicies', true);
      return {
        AttachedPolicies: user.attachedPolicyArns.map((arn) => ({ PolicyName: arn.split('/').pop() ?? arn, PolicyArn: arn })),
        IsTruncated: false,
      };
    },

    ListUserPolicies: (context) => {
      const user = targetUser(context, 'ListUserPolicies', true);
      return { PolicyNames: [...user.inlinePolicies.keys()], IsTruncated: false };
    },

    SimulatePrincipalPolicy: (context) => {
      const { params, world, caller } = context;
      const sourceArn = params['PolicySourceArn'];
      if (!sourceArn)
        throw new SimError(
          'ValidationError',
          400,
          "1 validation error detected: Value null at 'policySourceArn' failed to satisfy constraint: Member must not be null",
        );
      const entity = sourceEntity(context, sourceArn);
      const actions = memberList(params, 'ActionNames');
      if (actions.length === 0)
        throw new SimError(
          'ValidationError',
          400,
          "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null",
        );
      const resources = memberList(params, 'ResourceArns');
      const contextValues: Record<string, string[]> = {};
      for (let i = 1; params[`ContextEntries.member.${i}.ContextKeyName`] !== undefined; i++) {
        contextValues[params[`ContextEntries.member.${i}.ContextKeyName`]!] = memberList(params, `ContextEntries.member.${i}.ContextKeyValues`);
      }
      const policies = entityPolicies(world, entity, caller.account);
      const results = actions.map((action) => {
        const resource = resources[0] ?? '*';
        const missing = new Set<string>();
        const requestContext: Record<string, string | string[]> = { ...contextValues, 'aws:PrincipalAccount': entity.accountId };
        if ('userId' in entity) requestContext['aws:username'] = entity.name;
        const decision = evaluate(policies, action, resource, requestContext, missing);
        return {
          EvalActionName: action,
          EvalResourceName: resource,
          EvalDecision: decision.decision,
          MatchedStatements: decision.matched.map((id) => ({ SourcePolicyId: id, SourcePolicyType: policySourceType(id, entity) })),
          MissingContextValues: [...missing],
          ...(policies.permissionsBoundary
            ? {
                PermissionsBoundaryDecisionDetail: {
                  AllowedByPermissionsBoundary: !(decision.decision !== 'allowed' && 'missingIn' in decision && decision.missingIn === 'permissions boundary'),
                },
              }
            : {}),
          ...(policies.serviceControl
            ? { OrganizationsDecisionDetail: { AllowedByOrganizations: !(decision.decision === 'explicitDeny' && decision.by === 'service control policy') } }
            : {}),
        };
      });
      return { EvaluationResults: results, IsTruncated: false };
    },
  },
};
