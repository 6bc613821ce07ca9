import type { ACL, Cluster, User } from '@aws-sdk/client-memorydb';
import { describe, expect, it } from 'vitest';
import {
  accessStringEnabled,
  accessStringGrantsCommands,
  analyseDataPlane,
  compareVersions,
  switchedOn,
  type DataPlaneSnapshot,
} from '../../../../src/core/cluster/analysis';

const cluster: Cluster = {
  Name: 'orders',
  Status: 'available',
  Engine: 'valkey',
  EngineVersion: '7.2',
  TLSEnabled: true,
  ACLName: 'orders-acl',
  ClusterEndpoint: { Address: 'clustercfg.orders.abc123.memorydb.eu-west-1.amazonaws.com', Port: 6379 },
};
const acl: ACL = { Name: 'orders-acl', Status: 'active', UserNames: ['default', 'app-user'], PendingChanges: {} };
const user: User = {
  Name: 'app-user',
  Status: 'active',
  AccessString: 'on ~* &* +@all',
  ACLNames: ['orders-acl'],
  MinimumEngineVersion: '6.2',
  Authentication: { Type: 'password', PasswordCount: 1 },
};

function snapshot(overrides: Partial<DataPlaneSnapshot> = {}): DataPlaneSnapshot {
  return { region: 'eu-west-1', cluster, acl, userName: 'app-user', user, signIn: 'unknown', profile: 'dev', ...overrides };
}

const ids = (result: ReturnType<typeof analyseDataPlane>) => result.causes.map((cause) => `${cause.id}:${cause.severity}`);
const commands = (result: ReturnType<typeof analyseDataPlane>) =>
  result.causes.flatMap((cause) => cause.fixes.flatMap((fix) => ('command' in fix ? [fix.command] : [])));

describe('analyseDataPlane', () => {
  it('finds nothing wrong with an active, on, password user in the cluster ACL', () => {
    const result = analyseDataPlane(snapshot());
    expect(result.causes).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.evidence.map((item) => item.label)).toEqual([
      'Cluster orders: available, valkey 7.2, TLS on, ACL orders-acl',
      'ACL orders-acl: active, users default, app-user',
      'User app-user: active, authentication password, 1 password, access string "on ~* &* +@all"',
    ]);
  });

  it('names a missing user with the create and add-to-ACL commands', () => {
    const result = analyseDataPlane(snapshot({ user: null }));
    expect(ids(result)).toEqual(['cluster.user-missing:error']);
    expect(commands(result)).toEqual([
      'aws memorydb create-user --user-name app-user --access-string "on ~* &* +@all" --authentication-mode Type=password,Passwords=<password> --region eu-west-1',
      'aws memorydb update-acl --acl-name orders-acl --user-names-to-add app-user --region eu-west-1',
    ]);
  });

  it('reads pending ACL changes: being added is a warning, being removed an error', () => {
    const adding = analyseDataPlane(
      snapshot({ acl: { ...acl, Status: 'modifying', UserNames: ['default'], PendingChanges: { UserNamesToAdd: ['app-user'] } } }),
    );
    expect(ids(adding)).toEqual(['cluster.user-missing:warning']);
    expect(adding.warnings.join(' ')).toMatch(/ACL orders-acl is modifying/);
    expect(adding.evidence[1]?.message).toBe('Pending changes: adding app-user.');
    const removing = analyseDataPlane(snapshot({ acl: { ...acl, PendingChanges: { UserNamesToRemove: ['app-user'] } } }));
    expect(ids(removing)).toEqual(['cluster.user-missing:error']);
  });

  it('explains that a TLS-off cluster only has the passwordless default user', () => {
    const result = analyseDataPlane(
      snapshot({ cluster: { ...cluster, TLSEnabled: false, ACLName: 'open-access' }, acl: { Name: 'open-access', Status: 'active', UserNames: ['default'] } }),
    );
    expect(ids(result)).toEqual(['cluster.user-missing:error']);
    expect(result.causes[0]?.summary).toMatch(/TLS off/);
    expect(
      analyseDataPlane(
        snapshot({
          userName: 'default',
          cluster: { ...cluster, TLSEnabled: false, ACLName: 'open-access' },
          acl: { Name: 'open-access', UserNames: ['default'] },
          user: { ...user, Name: 'default', Authentication: { Type: 'no-password' } },
        }),
      ).causes,
    ).toEqual([]);
  });

  it('offers a new ACL when the cluster uses open-access', () => {
    const result = analyseDataPlane(
      snapshot({ cluster: { ...cluster, ACLName: 'open-access' }, acl: { Name: 'open-access', Status: 'active', UserNames: ['default'] } }),
    );
    expect(commands(result)).toEqual([
      'aws memorydb create-acl --acl-name orders-acl --user-names app-user --region eu-west-1',
      'aws memorydb update-cluster --cluster-name orders --acl-name orders-acl --region eu-west-1',
    ]);
  });

  it('names a user that is off, deleting or modifying', () => {
    const off = analyseDataPlane(snapshot({ user: { ...user, AccessString: 'off ~keys:* -@all +get' } }));
    expect(ids(off)).toEqual(['cluster.user-disabled:error']);
    expect(commands(off)).toEqual(['aws memorydb update-user --user-name app-user --access-string "on ~keys:* -@all +get" --region eu-west-1']);
    expect(ids(analyseDataPlane(snapshot({ user: { ...user, Status: 'deleting' } })))).toEqual(['cluster.user-disabled:error']);
    expect(ids(analyseDataPlane(snapshot({ user: { ...user, Status: 'modifying' } })))).toEqual(['cluster.user-disabled:warning']);
  });

  it('weighs the authentication type against how the client signs in', () => {
    const iamUser = { ...user, Authentication: { Type: 'iam' as const }, MinimumEngineVersion: '7.0' };
    expect(ids(analyseDataPlane(snapshot({ user: iamUser, signIn: 'password' })))).toEqual(['cluster.auth-mismatch:error']);
    expect(ids(analyseDataPlane(snapshot({ user: iamUser, signIn: 'unknown' })))).toEqual(['cluster.auth-mismatch:warning']);
    expect(ids(analyseDataPlane(snapshot({ user: iamUser, signIn: 'iam' })))).toEqual([]);
    const passwordWithToken = analyseDataPlane(snapshot({ signIn: 'iam' }));
    expect(ids(passwordWithToken)).toEqual(['cluster.auth-mismatch:error']);
    expect(commands(passwordWithToken)).toEqual(['aws memorydb update-user --user-name app-user --authentication-mode Type=iam --region eu-west-1']);
  });

  it('requires engine 7.0 for IAM users', () => {
    const result = analyseDataPlane(
      snapshot({
        cluster: { ...cluster, Engine: 'redis', EngineVersion: '6.2' },
        user: { ...user, Authentication: { Type: 'iam' }, MinimumEngineVersion: '7.0' },
        signIn: 'iam',
      }),
    );
    expect(ids(result)).toEqual(['cluster.auth-mismatch:error']);
    expect(result.causes[0]?.summary).toMatch(/needs engine 7\.0 or later; cluster orders runs redis 6\.2/);
    expect(result.warnings).toContain('app-user needs engine 7.0 or later; the cluster runs 6.2.');
  });

  it('warns when the access string grants no command', () => {
    expect(analyseDataPlane(snapshot({ user: { ...user, AccessString: 'on ~*' } })).warnings).toContain(
      "app-user's access string grants no command: after sign-in every command gets NOPERM.",
    );
  });

  it('checks only the cluster and the ACL when no user is named', () => {
    const result = analyseDataPlane(snapshot({ userName: null, user: null }));
    expect(result.causes).toEqual([]);
    expect(result.evidence).toHaveLength(2);
  });
});

describe('access strings and versions', () => {
  it('takes the last on/off and treats neither as off', () => {
    expect(accessStringEnabled('on ~* +@all')).toBe(true);
    expect(accessStringEnabled('on ~* +@all off')).toBe(false);
    expect(accessStringEnabled('off on ~*')).toBe(true);
    expect(accessStringEnabled('~* +@all')).toBe(false);
    expect(accessStringGrantsCommands('on ~* -@all')).toBe(false);
    expect(accessStringGrantsCommands('on ~* +get')).toBe(true);
  });

  it('switches a user on without losing its rules, and defaults an empty one', () => {
    expect(switchedOn('off ~reports:* +@read')).toBe('on ~reports:* +@read');
    expect(switchedOn('')).toBe('on ~* &* +@all');
  });

  it('compares dotted versions numerically', () => {
    expect(compareVersions('6.2.6', '7.0')).toBe(-1);
    expect(compareVersions('7.10', '7.2')).toBe(1);
    expect(compareVersions('7.0', '7')).toBe(0);
  });
});
