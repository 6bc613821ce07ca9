import type { ACL, Cluster, User } from '@aws-sdk/client-memorydb';
import type { Cause, Evidence, Fix } from '../../shared/model/diagnosis';
import { makeCause } from '../diagnosis/causes';

/** How the client signs in, when the caller knows; `unknown` makes a mismatch a warning. */
export type SignInMode = 'password' | 'iam' | 'unknown';

/** What DescribeClusters, DescribeACLs and DescribeUsers said about one cluster and one sign-in user. */
export interface DataPlaneSnapshot {
  region: string;
  cluster: Cluster;
  /** The cluster's ACL, or null when it could not be read (the reason is in `aclProblem`). */
  acl: ACL | null;
  aclProblem?: string;
  /** The sign-in user's name; null checks only the cluster and its ACL. */
  userName: string | null;
  /** The user, or null when DescribeUsers answered UserNotFoundFault. */
  user: User | null;
  signIn: SignInMode;
  /** The profile, for the `mdb-doctor token` fix. */
  profile: string;
}

/** What the analysis found: evidence lines for every check, the causes, and the warnings that name no cause. */
export interface DataPlaneFindings {
  evidence: Evidence[];
  causes: Cause[];
  warnings: string[];
}

/** IAM authentication needs Valkey or Redis OSS 7.0 or later (docs/aws-behaviour.md §2.2). */
export const iamMinimumEngine = '7.0';

/** Compares dotted versions numerically (`6.2.6` < `7.0` < `7.10`); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/**
 * Whether an access string leaves the user on: rules apply left to right, the last of
 * `on` / `off` wins, and a string with neither is off (MemoryDB devguide clusters.acls).
 */
export function accessStringEnabled(accessString: string): boolean {
  const switches = accessString.split(/\s+/).filter((rule) => rule === 'on' || rule === 'off');
  return switches.at(-1) === 'on';
}

/** Whether an access string grants any command at all (`+@all`, `+@read`, `+get`, `allcommands`). */
export function accessStringGrantsCommands(accessString: string): boolean {
  return accessString.split(/\s+/).some((rule) => rule.startsWith('+') || rule === 'allcommands');
}

/** The access string with the user switched on and everything else kept. */
export function switchedOn(accessString: string): string {
  const rules = accessString.split(/\s+/).filter((rule) => rule && rule !== 'on' && rule !== 'off');
  return ['on', ...(rules.length > 0 ? rules : ['~*', '&*', '+@all'])].join(' ');
}

function quote(value: string): string {
  return `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

function addToAclFix(aclName: string, userName: string, region: string): Fix {
  return {
    kind: 'copy-command',
    label: `Add ${userName} to the ACL ${aclName}`,
    command: `aws memorydb update-acl --acl-name ${aclName} --user-names-to-add ${userName} --region ${region}`,
  };
}

function tokenFix(snapshot: NamedSnapshot): Fix {
  return {
    kind: 'copy-command',
    label: 'Sign in with an IAM auth token as the password (valid 15 minutes)',
    command: `mdb-doctor token --profile ${snapshot.profile} --cluster ${snapshot.cluster.Name ?? ''} --user ${snapshot.userName} --region ${snapshot.region}`,
  };
}

function describeCluster(cluster: Cluster): Evidence {
  const endpoint = cluster.ClusterEndpoint?.Address ? `${cluster.ClusterEndpoint.Address}:${cluster.ClusterEndpoint.Port ?? 6379}` : 'no endpoint yet';
  return {
    label: `Cluster ${cluster.Name}: ${cluster.Status ?? 'status unknown'}, ${cluster.Engine ?? 'engine'} ${cluster.EngineVersion ?? '?'}, TLS ${cluster.TLSEnabled === false ? 'off' : 'on'}, ACL ${cluster.ACLName ?? '?'}`,
    message: `Endpoint ${endpoint}.`,
  };
}

function describeAcl(acl: ACL): Evidence {
  const pending = acl.PendingChanges;
  const pendingText = [
    pending?.UserNamesToAdd?.length ? `adding ${pending.UserNamesToAdd.join(', ')}` : '',
    pending?.UserNamesToRemove?.length ? `removing ${pending.UserNamesToRemove.join(', ')}` : '',
  ].filter(Boolean);
  return {
    label: `ACL ${acl.Name}: ${acl.Status ?? 'status unknown'}, users ${(acl.UserNames ?? []).join(', ') || '(none)'}`,
    message: pendingText.length > 0 ? `Pending changes: ${pendingText.join('; ')}.` : 'No pending changes.',
  };
}

function describeUser(user: User): Evidence {
  const auth = user.Authentication;
  const passwords = auth?.Type === 'password' ? `, ${auth.PasswordCount ?? 0} password${auth.PasswordCount === 1 ? '' : 's'}` : '';
  return {
    label: `User ${user.Name}: ${user.Status ?? 'status unknown'}, authentication ${auth?.Type ?? 'unknown'}${passwords}, access string "${user.AccessString ?? ''}"`,
    message: `In ACLs: ${(user.ACLNames ?? []).join(', ') || '(none)'}; minimum engine version ${user.MinimumEngineVersion ?? '?'}.`,
  };
}

type NamedSnapshot = DataPlaneSnapshot & { userName: string };

function membershipCauses(snapshot: NamedSnapshot, evidence: Evidence[]): Cause[] {
  const { cluster, acl, userName, region } = snapshot;
  const aclName = cluster.ACLName ?? '';
  if (cluster.TLSEnabled === false && userName !== 'default') {
    return [
      makeCause(
        'cluster.user-missing',
        `Cluster ${cluster.Name} has TLS off, so it can only use the open-access ACL and its passwordless default user; ${userName} cannot sign in there.`,
        evidence,
        [
          {
            kind: 'open-console',
            label: 'Create a cluster with TLS on (TLS cannot be turned on later) and an ACL holding the user',
            url: `https://console.aws.amazon.com/memorydb/home?region=${region}#/clusters`,
          },
        ],
      ),
    ];
  }
  if (!acl) return [];
  const pendingAdd = acl.PendingChanges?.UserNamesToAdd ?? [];
  const pendingRemove = acl.PendingChanges?.UserNamesToRemove ?? [];
  if (pendingRemove.includes(userName)) {
    return [
      makeCause(
        'cluster.user-missing',
        `${userName} is being removed from the ACL ${aclName} (pending change); sign-ins will fail once it applies.`,
        evidence,
        [addToAclFix(aclName, userName, region)],
      ),
    ];
  }
  if ((acl.UserNames ?? []).includes(userName)) return [];
  if (pendingAdd.includes(userName)) {
    return [
      makeCause(
        'cluster.user-missing',
        `${userName} is being added to the ACL ${aclName} but the change has not applied yet (ACL ${acl.Status ?? 'status unknown'}); wait until the ACL is active.`,
        evidence,
        [],
        'warning',
      ),
    ];
  }
  if (aclName === 'open-access') {
    return [
      makeCause(
        'cluster.user-missing',
        `Cluster ${cluster.Name} uses the open-access ACL, which holds only the default user; ${userName} is not in it.`,
        evidence,
        [
          {
            kind: 'copy-command',
            label: `Create an ACL with ${userName}`,
            command: `aws memorydb create-acl --acl-name ${cluster.Name}-acl --user-names ${userName} --region ${region}`,
          },
          {
            kind: 'copy-command',
            label: 'Attach it to the cluster',
            command: `aws memorydb update-cluster --cluster-name ${cluster.Name} --acl-name ${cluster.Name}-acl --region ${region}`,
          },
        ],
      ),
    ];
  }
  return [
    makeCause(
      'cluster.user-missing',
      `${userName} exists but is not in the ACL ${aclName} of cluster ${cluster.Name}, so the cluster refuses it (WRONGPASS).`,
      evidence,
      [addToAclFix(aclName, userName, region)],
    ),
  ];
}

function statusCauses(snapshot: NamedSnapshot, user: User, evidence: Evidence[]): Cause[] {
  const { region, userName } = snapshot;
  const causes: Cause[] = [];
  if (user.Status === 'deleting') causes.push(makeCause('cluster.user-disabled', `${userName} is being deleted.`, evidence));
  else if (user.Status === 'modifying')
    causes.push(makeCause('cluster.user-disabled', `${userName} is being modified; sign-ins may fail until the change applies.`, evidence, [], 'warning'));
  const accessString = user.AccessString ?? '';
  if (!accessStringEnabled(accessString)) {
    const enabled = switchedOn(accessString);
    causes.push(
      makeCause('cluster.user-disabled', `${userName}'s access string "${accessString}" leaves the user off, so every sign-in gets WRONGPASS.`, evidence, [
        {
          kind: 'copy-command',
          label: `Turn ${userName} on (keeping its key and command rules)`,
          command: `aws memorydb update-user --user-name ${userName} --access-string ${quote(enabled)} --region ${region}`,
        },
      ]),
    );
  }
  return causes;
}

function authenticationCauses(snapshot: NamedSnapshot, user: User, evidence: Evidence[]): Cause[] {
  const { cluster, region, userName, signIn } = snapshot;
  const type = user.Authentication?.Type;
  const engine = cluster.EngineVersion ?? '';
  const causes: Cause[] = [];
  if (type === 'iam' && engine && compareVersions(engine, iamMinimumEngine) < 0) {
    causes.push(
      makeCause(
        'cluster.auth-mismatch',
        `${userName} uses IAM authentication, which needs engine ${iamMinimumEngine} or later; cluster ${cluster.Name} runs ${cluster.Engine ?? ''} ${engine}.`,
        evidence,
        [
          {
            kind: 'copy-command',
            label: 'Upgrade the cluster engine (Redis OSS 7.1; Valkey is 7.2 or later)',
            command: `aws memorydb update-cluster --cluster-name ${cluster.Name} --engine-version 7.1 --region ${region}`,
          },
        ],
      ),
    );
  }
  if (type === 'iam' && signIn !== 'iam') {
    const known = signIn === 'password';
    causes.push(
      makeCause(
        'cluster.auth-mismatch',
        known
          ? `${userName} authenticates with IAM tokens, but the client signs in with a password: MemoryDB answers WRONGPASS.`
          : `${userName} authenticates with IAM: the client must send a fresh IAM auth token as the password; a stored password gets WRONGPASS.`,
        evidence,
        [
          tokenFix(snapshot),
          {
            kind: 'copy-command',
            label: `Or switch ${userName} to password authentication`,
            command: `aws memorydb update-user --user-name ${userName} --authentication-mode Type=password,Passwords=<new-password> --region ${region}`,
          },
        ],
        known ? 'error' : 'warning',
      ),
    );
  }
  if (type === 'password' && signIn === 'iam') {
    causes.push(
      makeCause(
        'cluster.auth-mismatch',
        `${userName} authenticates with a password, but the client sends an IAM token: MemoryDB answers WRONGPASS.`,
        evidence,
        [
          {
            kind: 'copy-command',
            label: `Switch ${userName} to IAM authentication`,
            command: `aws memorydb update-user --user-name ${userName} --authentication-mode Type=iam --region ${region}`,
          },
        ],
      ),
    );
  }
  if (type === 'no-password' && signIn !== 'unknown' && userName !== 'default') {
    causes.push(makeCause('cluster.auth-mismatch', `${userName} has no password and no IAM authentication set.`, evidence, [], 'warning'));
  }
  return causes;
}

/**
 * Reads a cluster, its ACL and the sign-in user the way MemoryDB decides an `AUTH`: the
 * user must be in the cluster's ACL (TLS on, not open-access), active, switched on, and
 * sign in the way its authentication type says (IAM only on engine 7.0+).
 */
export function analyseDataPlane(snapshot: DataPlaneSnapshot): DataPlaneFindings {
  const { cluster, acl, user, userName, region } = snapshot;
  const evidence: Evidence[] = [describeCluster(cluster)];
  const warnings: string[] = [];
  if (cluster.Status && cluster.Status !== 'available') warnings.push(`Cluster ${cluster.Name} is ${cluster.Status}, not available.`);
  if (acl) evidence.push(describeAcl(acl));
  else evidence.push({ label: `ACL ${cluster.ACLName ?? '?'}: not read`, message: snapshot.aclProblem ?? 'DescribeACLs did not answer.' });
  if (acl?.Status && acl.Status !== 'active') warnings.push(`ACL ${acl.Name} is ${acl.Status}; changes to its users apply when it is active again.`);
  if (userName === null) return { evidence, causes: [], warnings };
  const named = { ...snapshot, userName };

  if (!user) {
    const aclName = cluster.ACLName ?? '<acl>';
    const missing = makeCause('cluster.user-missing', `No MemoryDB user named ${userName} in ${region} (UserNotFoundFault).`, evidence, [
      {
        kind: 'copy-command',
        label: `Create ${userName} with a password`,
        command: `aws memorydb create-user --user-name ${userName} --access-string "on ~* &* +@all" --authentication-mode Type=password,Passwords=<password> --region ${region}`,
      },
      ...(aclName !== 'open-access' ? [addToAclFix(aclName, userName, region)] : []),
    ]);
    return { evidence, causes: [missing], warnings };
  }

  evidence.push(describeUser(user));
  if (!accessStringGrantsCommands(user.AccessString ?? ''))
    warnings.push(`${userName}'s access string grants no command: after sign-in every command gets NOPERM.`);
  if (user.MinimumEngineVersion && cluster.EngineVersion && compareVersions(cluster.EngineVersion, user.MinimumEngineVersion) < 0) {
    warnings.push(`${userName} needs engine ${user.MinimumEngineVersion} or later; the cluster runs ${cluster.EngineVersion}.`);
  }
  const causes = [...membershipCauses(named, evidence), ...statusCauses(named, user, evidence), ...authenticationCauses(named, user, evidence)];
  return { evidence, causes, warnings };
}
