import { createHash } from 'node:crypto';
import type { OperationContext, ServiceDefinition } from '../service';
import { SimError } from '../wire';
import type { SimAcl, SimCluster, SimDbUser } from '../world';

/**
 * MemoryDB, awsJson1.1, target prefix AmazonMemoryDB, signing name memorydb (AWS-FACTS §1.1,
 * botocore `memorydb/2021-01-01/service-2.json`). Shapes follow the model's Cluster, User and
 * ACL structures; modeled faults are HTTP 400 (MemoryDB API Reference lists each with 400).
 */

const NAMESPACE = 'com.amazonaws.memorydb';

const fault = (code: string, message: string): SimError => new SimError(code, 400, message, 'Sender', NAMESPACE);

const arn = (context: OperationContext, kind: string, name: string): string => `arn:aws:memorydb:${context.region}:${context.caller.account.id}:${kind}/${name}`;

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
    start = Number(Buffer.from(token, 'base64').toString('utf8').replace(/^offset:/, ''));
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
    ClusterEndpoint: { Address: `clustercfg.${cluster.name}.${suffix}.memorydb.${cluster.region}.amazonaws.com`, Port: cluster.port },
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
  const aclNames = inScope(context, context.world.acls).filter((acl) => acl.userNames.includes(user.name)).map((acl) => acl.name);
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
    PendingChanges: {},
    Clusters: inScope(context, context.world.clusters).filter((c) => c.aclName === acl.name).map((c) => c.name),
    ARN: arn(context, 'acl', acl.name),
  };
}

function ensureDefaults(context: OperationContext): void {
  context.world.ensureMemoryDbDefaults(context.caller.account.id, context.region);
}

/** The MemoryDB service definition. */
export const memorydb: ServiceDefinition = {
  signingName: 'memorydb',
  protocol: 'json',
  namespace: NAMESPACE,
  version: '2021-01-01',
  accessDeniedCode: 'AccessDeniedException',
  operations: {
    DescribeClusters: (context) => {
      const name = stringInput(context, 'ClusterName');
      context.authorize('memorydb:DescribeClusters', arn(context, 'cluster', name ?? '*'));
      const clusters = inScope(context, context.world.clusters).filter((c) => name === undefined || c.name === name);
      if (name !== undefined && clusters.length === 0) throw fault('ClusterNotFoundFault', `Cluster ${name} not found`);
      const { items, nextToken } = page(context, clusters);
      return { Clusters: items.map((c) => clusterShape(context, c)), ...(nextToken ? { NextToken: nextToken } : {}) };
    },

    DescribeUsers: (context) => {
      const name = stringInput(context, 'UserName');
      context.authorize('memorydb:DescribeUsers', arn(context, 'user', name ?? '*'));
      ensureDefaults(context);
      const users = inScope(context, context.world.dbUsers).filter((u) => name === undefined || u.name === name);
      if (name !== undefined && users.length === 0) throw fault('UserNotFoundFault', `User ${name} not found`);
      const { items, nextToken } = page(context, users);
      return { Users: items.map((u) => userShape(context, u)), ...(nextToken ? { NextToken: nextToken } : {}) };
    },

    DescribeACLs: (context) => {
      const name = stringInput(context, 'ACLName');
      context.authorize('memorydb:DescribeACLs', arn(context, 'acl', name ?? '*'));
      ensureDefaults(context);
      const acls = inScope(context, context.world.acls).filter((a) => name === undefined || a.name === name);
      if (name !== undefined && acls.length === 0) throw fault('ACLNotFoundFault', `ACL ${name} not found`);
      const { items, nextToken } = page(context, acls);
      return { ACLs: items.map((a) => aclShape(context, a)), ...(nextToken ? { NextToken: nextToken } : {}) };
    },

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
