import { evaluate } from '../policy';
import { entityPolicies } from '../principal';
import { memberList, type OperationContext, type ServiceDefinition } from '../service';
import { SimError, type XmlValue } from '../wire';
import type { PolicyDocument } from '../policy';
import type { SimAccessKey, SimGroup, SimIamUser, SimRole } from '../world';

/**
 * IAM, Query protocol, API version 2010-05-08 (botocore `iam/2010-05-08/service-2.json`).
 * IAM is global: every request is served as us-east-1, IAM's signing region.
 */

const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
const KEYS_PER_USER = 2;
const NAME_PATTERN = /^[\w+=,.@-]{1,128}$/;
const KEY_OPERATIONS = new Set(['ListAccessKeys', 'CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey']);

const noSuchKey = (id: string): SimError => new SimError('NoSuchEntity', 404, `The Access Key with id ${id} cannot be found.`);

/** A required name parameter, checked as the IAM model's pattern does. */
function requiredName(context: OperationContext, param: string): string {
  const value = context.params[param];
  const member = param[0]!.toLowerCase() + param.slice(1);
  if (value === undefined || value === '')
    throw new SimError('ValidationError', 400, `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  if (!NAME_PATTERN.test(value))
    throw new SimError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  return value;
}

/**
 * The user an IAM call is about, authorized for `action`: the named one, or the caller's own
 * user when the name is omitted. With role credentials the name is required ("Must specify
 * userName when calling with non-User credentials", the message IAM gives).
 */
function targetUser(context: OperationContext, action: string, required = false): SimIamUser {
  const { caller, world } = context;
  const given = context.params['UserName'];
  if (!required && (given === undefined || given === '')) {
    // The access-key operations' docs: "If a temporary access key is used, then UserName is required."
    if (caller.kind !== 'user' || (caller.session && KEY_OPERATIONS.has(action))) {
      throw new SimError('ValidationError', 400, 'Must specify userName when calling with non-User credentials');
    }
    context.authorize(`iam:${action}`, caller.user.arn, `user ${caller.user.name}`);
    return caller.user;
  }
  return namedEntity(context, action, 'user', (accountId, name) => world.findUser(accountId, name));
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

/**
 * The named user, role or group, authorized for `action` on its ARN before IAM says whether it
 * exists (so a caller without the permission cannot probe for names).
 */
function namedEntity<T extends { arn: string }>(
  context: OperationContext,
  action: string,
  kind: 'user' | 'role' | 'group',
  find: (accountId: string, name: string) => T | undefined,
): T {
  const param = `${kind[0]!.toUpperCase()}${kind.slice(1)}Name`;
  const name = requiredName(context, param);
  const accountId = context.caller.account.id;
  const entity = find(accountId, name);
  context.authorize(`iam:${action}`, entity?.arn ?? `arn:aws:iam::${accountId}:${kind}/${name}`, `${kind} ${name}`);
  if (!entity) throw new SimError('NoSuchEntity', 404, `The ${kind} with name ${name} cannot be found.`);
  return entity;
}

const targetRole = (context: OperationContext, action: string): SimRole =>
  namedEntity(context, action, 'role', (accountId, name) => context.world.roles.find((r) => r.accountId === accountId && r.name === name));

const targetGroup = (context: OperationContext, action: string): SimGroup =>
  namedEntity(context, action, 'group', (accountId, name) => context.world.findGroup(accountId, name));

/**
 * A policy document as IAM returns it: URL-encoded (RFC 3986), which the API reference for
 * GetUserPolicy, GetPolicyVersion and the rest says callers must decode (the AWS CLI does).
 */
function encodedDocument(document: PolicyDocument): string {
  return encodeURIComponent(JSON.stringify(document, null, 4)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One inline policy of a user, role or group, or IAM's NoSuchEntity ("The user policy with name X cannot be found."). */
function inlinePolicy(
  context: OperationContext,
  holder: { inlinePolicies: Map<string, PolicyDocument> },
  kind: 'user' | 'role' | 'group',
): Record<string, string> {
  const name = requiredName(context, 'PolicyName');
  const document = holder.inlinePolicies.get(name);
  if (!document) throw new SimError('NoSuchEntity', 404, `The ${kind} policy with name ${name} cannot be found.`);
  return { PolicyName: name, PolicyDocument: encodedDocument(document) };
}

/**
 * One page of a list, as IAM pages: at most MaxItems (1-1000, default 100), then IsTruncated
 * and a Marker to pass back. The simulator's marker is the next index, opaque to callers.
 */
function page<T>(context: OperationContext, items: readonly T[]): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const maxItems = context.params['MaxItems'] === undefined ? 100 : Number(context.params['MaxItems']);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000)
    throw new SimError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${context.params['MaxItems']}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  const marker = context.params['Marker'];
  const start = marker === undefined ? 0 : Number(marker);
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new SimError('InvalidInput', 400, 'Invalid Marker.');
  const end = start + maxItems;
  return end < items.length ? { items: items.slice(start, end), IsTruncated: true, Marker: String(end) } : { items: items.slice(start), IsTruncated: false };
}

/** A paged list result under `member` (PolicyNames, AttachedPolicies, Groups). */
function listed<T extends XmlValue>(context: OperationContext, member: string, items: readonly T[]): Record<string, XmlValue> {
  const { items: shown, IsTruncated, Marker } = page(context, items);
  return { [member]: shown, IsTruncated, ...(Marker ? { Marker } : {}) };
}

const attachedPolicies = (arns: readonly string[]) => arns.map((arn) => ({ PolicyName: arn.split('/').pop() ?? arn, PolicyArn: arn }));

const boundaryOf = (entity: { permissionsBoundaryArn?: string }) =>
  entity.permissionsBoundaryArn ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: entity.permissionsBoundaryArn } } : {};

/** The managed policy named by PolicyArn, authorized on that ARN; AWS-managed ones are readable by ARN too. */
function targetPolicy(context: OperationContext, action: string) {
  const arn = context.params['PolicyArn'];
  if (!arn)
    throw new SimError('ValidationError', 400, "1 validation error detected: Value null at 'policyArn' failed to satisfy constraint: Member must not be null");
  if (!/^arn:aws[\w-]*:iam::(\d{12}|aws):policy\//.test(arn)) throw new SimError('InvalidInput', 400, `ARN ${arn} is not valid.`);
  context.authorize(`iam:${action}`, arn);
  const info = context.world.policyInfo(arn);
  const document = context.world.managedPolicies.get(arn);
  if (!info || !document) throw new SimError('NoSuchEntity', 404, `Policy ${arn} was not found.`);
  return { arn, info, document };
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
      return { User: { Path: user.path, UserName: user.name, UserId: user.userId, Arn: user.arn, CreateDate: user.createDate, ...boundaryOf(user) } };
    },

    GetRole: (context) => {
      const role = targetRole(context, 'GetRole');
      const trust = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: role.trustedPrincipals }, Action: 'sts:AssumeRole' }],
      } as unknown as PolicyDocument;
      return {
        Role: {
          Path: role.path,
          RoleName: role.name,
          RoleId: role.roleId,
          Arn: role.arn,
          CreateDate: role.createDate,
          AssumeRolePolicyDocument: encodedDocument(trust),
          MaxSessionDuration: role.maxSessionDurationSeconds,
          ...boundaryOf(role),
        },
      };
    },

    GetUserPolicy: (context) => {
      const user = targetUser(context, 'GetUserPolicy', true);
      return { UserName: user.name, ...inlinePolicy(context, user, 'user') };
    },

    ListRolePolicies: (context) => listed(context, 'PolicyNames', [...targetRole(context, 'ListRolePolicies').inlinePolicies.keys()]),

    GetRolePolicy: (context) => {
      const role = targetRole(context, 'GetRolePolicy');
      return { RoleName: role.name, ...inlinePolicy(context, role, 'role') };
    },

    ListAttachedRolePolicies: (context) =>
      listed(context, 'AttachedPolicies', attachedPolicies(targetRole(context, 'ListAttachedRolePolicies').attachedPolicyArns)),

    ListGroupsForUser: (context) => {
      const user = targetUser(context, 'ListGroupsForUser', true);
      const groups = context.world
        .groupsOf(user)
        .map((group) => ({ Path: group.path, GroupName: group.name, GroupId: group.groupId, Arn: group.arn, CreateDate: group.createDate }));
      return listed(context, 'Groups', groups);
    },

    ListGroupPolicies: (context) => listed(context, 'PolicyNames', [...targetGroup(context, 'ListGroupPolicies').inlinePolicies.keys()]),

    GetGroupPolicy: (context) => {
      const group = targetGroup(context, 'GetGroupPolicy');
      return { GroupName: group.name, ...inlinePolicy(context, group, 'group') };
    },

    ListAttachedGroupPolicies: (context) =>
      listed(context, 'AttachedPolicies', attachedPolicies(targetGroup(context, 'ListAttachedGroupPolicies').attachedPolicyArns)),

    GetPolicy: (context) => {
      const { arn, info } = targetPolicy(context, 'GetPolicy');
      const attachments = [...context.world.users, ...context.world.roles, ...context.world.groups].filter((e) => e.attachedPolicyArns.includes(arn)).length;
      const boundaries = [...context.world.users, ...context.world.roles].filter((e) => e.permissionsBoundaryArn === arn).length;
      return {
        Policy: {
          PolicyName: info.name,
          PolicyId: info.policyId,
          Arn: arn,
          Path: info.path,
          DefaultVersionId: info.defaultVersionId,
          AttachmentCount: attachments,
          PermissionsBoundaryUsageCount: boundaries,
          IsAttachable: true,
          CreateDate: info.createDate,
          UpdateDate: info.createDate,
        },
      };
    },

    // The simulator keeps only each policy's default version; asking for another is NoSuchEntity as for a deleted one.
    GetPolicyVersion: (context) => {
      const { arn, info, document } = targetPolicy(context, 'GetPolicyVersion');
      const versionId = context.params['VersionId'];
      if (!versionId)
        throw new SimError(
          'ValidationError',
          400,
          "1 validation error detected: Value null at 'versionId' failed to satisfy constraint: Member must not be null",
        );
      if (versionId !== info.defaultVersionId)
        throw new SimError('NoSuchEntity', 404, `Policy ${arn} version ${versionId} does not exist or is not attachable.`);
      return { PolicyVersion: { Document: encodedDocument(document), VersionId: versionId, IsDefaultVersion: true, CreateDate: info.createDate } };
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
      return listed(context, 'AttachedPolicies', attachedPolicies(user.attachedPolicyArns));
    },

    ListUserPolicies: (context) => listed(context, 'PolicyNames', [...targetUser(context, 'ListUserPolicies', true).inlinePolicies.keys()]),

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
