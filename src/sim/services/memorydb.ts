import { createHash } from 'node:crypto';
import type { OperationContext, ServiceDefinition } from '../service';
import { SimError } from '../wire';
import type { SimAcl, SimCluster, SimDbUser } from '../world';

/**
 * MemoryDB, awsJson1.1, target prefix AmazonMemoryDB, signing name memorydb (docs/aws-behaviour.md §1.1,
 * botocore `memorydb/2021-01-01/service-2.json`). Shapes follow the model's Cluster, User and
 * ACL structures; modeled faults carry the status of their `httpError` trait in the service model:
 * 404 for ClusterNotFoundFault, UserNotFoundFault and ACLNotFoundFault (also their awsQueryError
 * codes ClusterNotFound/UserNotFound/ACLNotFound, 404, in aws-sdk-js-v3 client-memorydb), 400 otherwise.
 */

const NAMESPACE = 'com.amazonaws.memorydb';

const notFoundFaults = new Set(['ClusterNotFoundFault', 'UserNotFoundFault', 'ACLNotFoundFault']);

const fault = (code: string, message: string): SimError => new SimError(code, notFoundFaults.has(code) ? 404 : 400, message, 'Sender', NAMESPACE);

const arn = (context: OperationContext, kind: string, name: string): string =>
  `arn:aws:memorydb:${context.region}:${context.caller.account.id}:${kind}/${name}`;

function stringInput(context: OperationContext, name: string): string | undefined {
  const value = context.input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fault('InvalidParameterValueException', `Invalid value for ${name}: expected a string.`);
  return value;
}

/** Offset pagination with an opaque token, as Describe* calls page with MaxResults / NextToken. */
function page<T>(context: OperationContext, items: T[]): { items: T[]; nextToken?: string } {
  const max = context.input['MaxResults'];
  const token = stringInput(context, 'NextToken');
  let start = 0;
  if (token !== undefined) {
    start = Number(
      Buffer.from(token, 'base64')
        .toString('utf8')
        .replace(/^offset:/, ''),
    );
    if (!Number.isInteger(start) || start < 0) throw fault('InvalidParameterValueException', 'Invalid NextToken.');
  }
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100)) {
    throw fault('InvalidParameterValueException', 'MaxResults must be between 1 and 100.');
  }
  const size = typeof max === 'number' ? max : 100;
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, nextToken: Buffer.from(`offset:${start + size}`).toString('base64') } : { items: slice };
}

const inScope = <T extends { accountId: string; region: string }>(context: OperationContext, items: T[]): T[] =>
  items.filter((item) => item.accountId === context.caller.account.id && item.region === context.region);

function clusterShape(context: OperationContext, cluster: SimCluster) {
  const suffix = createHash('sha256').update(cluster.accountId).digest('hex').slice(0, 6);
  const major = cluster.engineVersion.split('.')[0];
  return {
    Name: cluster.name,
    Status: cluster.status,
    PendingUpdates: {},
    NumberOfShards: cluster.numberOfShards,
    AvailabilityMode: 'multiaz',
    ClusterEndpoint: { Address: cluster.address ?? `clustercfg.${cluster.name}.${suffix}.memorydb.${cluster.region}.amazonaws.com`, Port: cluster.port },
    NodeType: cluster.nodeType,
    Engine: cluster.engine,
    EngineVersion: cluster.engineVersion,
    EnginePatchVersion: `${cluster.engineVersion}.0`,
    ParameterGroupName: `default.memorydb-${cluster.engine}${major}`,
    ParameterGroupStatus: 'in-sync',
    SecurityGroups: [{ SecurityGroupId: `sg-${suffix}0a1b2c3d`, Status: 'active' }],
    SubnetGroupName: 'default',
    TLSEnabled: cluster.tlsEnabled,
    ARN: arn(context, 'cluster', cluster.name),
    SnapshotRetentionLimit: 0,
    MaintenanceWindow: 'wed:03:00-wed:04:00',
    SnapshotWindow: '05:00-06:00',
    ACLName: cluster.aclName,
    AutoMinorVersionUpgrade: true,
    DataTiering: 'false',
    NetworkType: 'ipv4',
  };
}

function userShape(context: OperationContext, user: SimDbUser) {
  const aclNames = inScope(context, context.world.acls)
    .filter((acl) => acl.userNames.includes(user.name))
    .map((acl) => acl.name);
  return {
    Name: user.name,
    Status: user.status,
    AccessString: user.accessString,
    ACLNames: aclNames,
    MinimumEngineVersion: user.minimumEngineVersion,
    Authentication: user.authenticationType === 'password' ? { Type: 'password', PasswordCount: user.passwordCount } : { Type: user.authenticationType },
    ARN: arn(context, 'user', user.name),
  };
}

function aclShape(context: OperationContext, acl: SimAcl) {
  return {
    Name: acl.name,
    Status: acl.status,
    UserNames: acl.userNames,
    MinimumEngineVersion: acl.minimumEngineVersion,
    PendingChanges: {
      ...(acl.pendingChanges?.userNamesToRemove ? { UserNamesToRemove: acl.pendingChanges.userNamesToRemove } : {}),
      ...(acl.pendingChanges?.userNamesToAdd ? { UserNamesToAdd: acl.pendingChanges.userNamesToAdd } : {}),
    },
    Clusters: inScope(context, context.world.clusters)
      .filter((c) => c.aclName === acl.name)
      .map((c) => c.name),
    ARN: arn(context, 'acl', acl.name),
  };
}

interface DescribeSpec<T> {
  action: string;
  kind: 'cluster' | 'user' | 'acl';
  nameField: string;
  listKey: string;
  fault: [code: string, label: string];
  items: T[];
  shape: (context: OperationContext, item: T) => unknown;
}

/**
 * The Describe* pattern: authorize on the named resource (or `kind/*`), filter to the caller's
 * account and region, fault when a named resource is missing, page the rest.
 */
function describe<T extends { accountId: string; region: string; name: string }>(context: OperationContext, spec: DescribeSpec<T>) {
  const name = stringInput(context, spec.nameField);
  context.authorize(`memorydb:${spec.action}`, arn(context, spec.kind, name ?? '*'));
  // Every region has the built-in default user and open-access ACL (docs/aws-behaviour.md §2.1).
  context.world.ensureMemoryDbDefaults(context.caller.account.id, context.region);
  const found = inScope(context, spec.items).filter((item) => name === undefined || item.name === name);
  if (name !== undefined && found.length === 0) throw fault(spec.fault[0], `${spec.fault[1]} ${name} not found`);
  const { items, nextToken } = page(context, found);
  return { [spec.listKey]: items.map((item) => spec.shape(context, item)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** The MemoryDB service definition. */
export const memorydb: ServiceDefinition = {
  signingName: 'memorydb',
  protocol: 'json',
  namespace: NAMESPACE,
  targetPrefix: 'AmazonMemoryDB',
  version: '2021-01-01',
  accessDeniedCode: 'AccessDeniedException',
  operations: {
    DescribeClusters: (context) =>
      describe(context, {
        action: 'DescribeClusters',
        kind: 'cluster',
        nameField: 'ClusterName',
        listKey: 'Clusters',
        fault: ['ClusterNotFoundFault', 'Cluster'],
        items: context.world.clusters,
        shape: clusterShape,
      }),

    DescribeUsers: (context) =>
      describe(context, {
        action: 'DescribeUsers',
        kind: 'user',
        nameField: 'UserName',
        listKey: 'Users',
        fault: ['UserNotFoundFault', 'User'],
        items: context.world.dbUsers,
        shape: userShape,
      }),

    DescribeACLs: (context) =>
      describe(context, {
        action: 'DescribeACLs',
        kind: 'acl',
        nameField: 'ACLName',
        listKey: 'ACLs',
        fault: ['ACLNotFoundFault', 'ACL'],
        items: context.world.acls,
        shape: aclShape,
      }),

    ListTags: (context) => {
      const resourceArn = stringInput(context, 'ResourceArn');
      if (!resourceArn) throw fault('InvalidParameterValueException', 'ResourceArn is required.');
      const match = /^arn:aws:memorydb:([a-z0-9-]+):(\d{12}):(cluster|user|acl|snapshot|parametergroup|subnetgroup)\/(.+)$/.exec(resourceArn);
      if (!match) throw fault('InvalidARNFault', `Invalid ARN: ${resourceArn}`);
      context.authorize('memorydb:ListTags', resourceArn);
      const [, region, account, kind, name] = match;
      if (region !== context.region || account !== context.caller.account.id) throw fault('InvalidARNFault', `Invalid ARN: ${resourceArn}`);
      if (kind === 'cluster') {
        const cluster = inScope(context, context.world.clusters).find((c) => c.name === name);
        if (!cluster) throw fault('ClusterNotFoundFault', `Cluster ${name} not found`);
        return { TagList: cluster.tags };
      }
      if (kind === 'user') {
        if (!inScope(context, context.world.dbUsers).some((u) => u.name === name)) throw fault('UserNotFoundFault', `User ${name} not found`);
        return { TagList: [] };
      }
      if (kind === 'acl') {
        if (!inScope(context, context.world.acls).some((a) => a.name === name)) throw fault('ACLNotFoundFault', `ACL ${name} not found`);
        return { TagList: [] };
      }
      throw fault('InvalidARNFault', `Invalid ARN: ${resourceArn}`);
    },
  },
};
