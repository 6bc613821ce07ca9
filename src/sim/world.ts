import { randomBytes } from 'node:crypto';
import type { NamedPolicy, PolicyDocument } from './policy';

/**
 * The simulator's state: accounts, IAM users, roles, access keys, STS sessions and the
 * MemoryDB resources of each account and region. Everything here is plain data that tests
 * may read and change directly.
 */

/** Regions where MemoryDB exists (docs/aws-behaviour.md §3.1: General Reference, devguide, botocore endpoints.json). */
export const MEMORYDB_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'ap-east-1',
  'eu-south-1',
  'eu-south-2',
];

/**
 * The MemoryDB endpoint a client has in `region`: the simulator where AWS offers MemoryDB;
 * elsewhere the host AWS's endpoint rules would build, `memory-db.<region>`, under the `.invalid`
 * top-level domain that never resolves (RFC 6761), so the client fails DNS resolution (ENOTFOUND)
 * exactly as it does on AWS, where memory-db.<region>.amazonaws.com has no DNS record.
 */
export function memoryDbEndpointFor(simEndpoint: string, region: string): string {
  return MEMORYDB_REGIONS.includes(region) ? simEndpoint : `http://memory-db.${region}.invalid`;
}

/**
 * Commercial opt-in regions: disabled until an account enables them. The MemoryDB ones are
 * ap-east-1, eu-south-1 and eu-south-2 (docs/aws-behaviour.md §3.1); the rest are AWS's other regions
 * launched after 2019-03-20, the opt-in cut-off in the Account Management guide.
 */
export const OPT_IN_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
];

/** Every commercial region the Account API answers for. */
export const KNOWN_REGIONS: readonly string[] = [...MEMORYDB_REGIONS, 'ap-northeast-3', ...OPT_IN_REGIONS.filter((r) => !MEMORYDB_REGIONS.includes(r))];

/** Per-account overrides of the simulator-wide knobs (see SimulatorKnobs for their meaning). */
export interface AccountKnobs {
  latencyMs?: number;
  /** This account gets its own token bucket of this size. */
  throttlePerSecond?: number;
  faultRate?: number;
  /** Added to the simulator's offset, so one server can serve a skewed and a true clock at once. */
  clockOffsetMs?: number;
  propagationDelayMs?: number;
  /** This account's answers to lose, by operation (see SimulatorKnobs.dropAnswers). */
  dropAnswers?: Readonly<Partial<Record<string, number>>>;
  /**
   * AccessDenied in the older wording, without "because no … policy allows" or "with an explicit
   * deny in …": the IAM User Guide warns some services do not support the detailed format.
   */
  plainAccessDenied?: boolean;
  /**
   * MemoryDB answers with the query-style names its CommonErrors page lists: NotAuthorized (400,
   * "You do not have permission to perform this action.") for a denial, OptInRequired (403) in an
   * opt-in region the account has not enabled.
   */
  queryStyleErrors?: boolean;
}

/** An AWS account. */
export interface SimAccount {
  id: string;
  /** Opt-in regions this account has enabled; the others answer as AWS does for a disabled region. */
  enabledOptInRegions: Set<string>;
  /** The token version the global STS endpoint issues (IAM SetSecurityTokenServicePreferences); AWS's default is v1Token. */
  globalEndpointTokenVersion?: 'v1Token' | 'v2Token';
  /** Organization SCPs; undefined = FullAWSAccess. */
  serviceControlPolicies?: NamedPolicy[];
  knobs: AccountKnobs;
}

/** An MFA device (virtual). The simulator accepts exactly `code`, so tests need no TOTP. */
export interface SimMfaDevice {
  serialNumber: string;
  code: string;
}

/** An IAM user with its policies. */
export interface SimIamUser {
  accountId: string;
  name: string;
  path: string;
  userId: string;
  arn: string;
  createDate: Date;
  /** Managed policy ARNs attached to the user. */
  attachedPolicyArns: string[];
  inlinePolicies: Map<string, PolicyDocument>;
  permissionsBoundaryArn?: string;
  mfaDevices: SimMfaDevice[];
}

/** An IAM role; `trustedPrincipals` lists ARNs (or account root ARNs) allowed to assume it. */
export interface SimRole {
  accountId: string;
  name: string;
  path: string;
  roleId: string;
  arn: string;
  createDate: Date;
  attachedPolicyArns: string[];
  inlinePolicies: Map<string, PolicyDocument>;
  trustedPrincipals: string[];
  permissionsBoundaryArn?: string;
  /** When set, the trust policy demands `aws:MultiFactorAuthPresent`. */
  trustRequiresMfa: boolean;
  /** When set, the trust policy demands this sts:ExternalId. */
  externalId?: string;
  maxSessionDurationSeconds: number;
}

/** An IAM group: its members' policies include the group's inline and attached ones. */
export interface SimGroup {
  accountId: string;
  name: string;
  path: string;
  groupId: string;
  arn: string;
  createDate: Date;
  /** User names of the members. */
  members: string[];
  attachedPolicyArns: string[];
  inlinePolicies: Map<string, PolicyDocument>;
}

/** What GetPolicy reports about a customer-managed policy besides its document (the default version's). */
export interface SimManagedPolicyInfo {
  name: string;
  path: string;
  policyId: string;
  defaultVersionId: string;
  createDate: Date;
}

/** Where and when a key was last used, as GetAccessKeyLastUsed reports it. */
export interface KeyLastUsed {
  date: Date;
  serviceName: string;
  region: string;
}

/** A long-term access key of an IAM user. */
export interface SimAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  userName: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
  /** Epoch ms from which AWS recognises the key (IAM eventual consistency). */
  usableFrom: number;
  lastUsed?: KeyLastUsed;
}

/** Who a set of temporary credentials acts as. */
export type SessionPrincipal = { kind: 'user'; userName: string } | { kind: 'assumed-role'; roleName: string; sessionName: string };

/** Temporary credentials issued by STS. */
export interface SimSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  principal: SessionPrincipal;
  expiration: Date;
  mfaAuthenticated: boolean;
  issuedBy: 'GetSessionToken' | 'AssumeRole';
  /** The long-term key that requested it, if any. */
  sourceAccessKeyId?: string;
  /**
   * Issued by the global endpoint sts.amazonaws.com as a version 1 token, which every opt-in
   * region refuses, enabled or not (IAM User Guide, id_credentials_temp_region: "Session tokens
   * from the global endpoint are valid only in AWS Regions that are enabled by default").
   * The simulator's own STS is regional, so only presets and tests set it.
   */
  globalEndpointV1Token?: boolean;
}

/**
 * How long after expiry AWS still recognises a session token as expired rather than unknown;
 * older tokens come back as InvalidClientTokenId (docs/aws-behaviour.md §7, jrl84/amazon-sp-api#57). AWS
 * publishes no figure: one week is the simulator's choice.
 */
export const EXPIRED_SESSION_MEMORY_MS = 7 * 86_400_000;

/** A MemoryDB cluster (fields as in the MemoryDB API `Cluster` shape). */
export interface SimCluster {
  accountId: string;
  region: string;
  name: string;
  status: string;
  aclName: string;
  tlsEnabled: boolean;
  engine: 'valkey' | 'redis';
  engineVersion: string;
  nodeType: string;
  numberOfShards: number;
  port: number;
  /** The endpoint host DescribeClusters reports; by default the AWS-shaped `clustercfg.…` name (tests point it at a local server). */
  address?: string;
  tags: Array<{ Key: string; Value: string }>;
}

/** A MemoryDB user (fields as in the MemoryDB API `User` shape). */
export interface SimDbUser {
  accountId: string;
  region: string;
  name: string;
  status: 'active' | 'modifying' | 'deleting';
  accessString: string;
  authenticationType: 'password' | 'no-password' | 'iam';
  passwordCount: number;
  minimumEngineVersion: string;
}

/** A MemoryDB access control list. */
export interface SimAcl {
  accountId: string;
  region: string;
  name: string;
  status: 'creating' | 'active' | 'modifying' | 'deleting';
  userNames: string[];
  minimumEngineVersion: string;
  /** Users being added or removed while the ACL is `modifying` (the model's ACLPendingChanges). */
  pendingChanges?: { userNamesToAdd?: string[]; userNamesToRemove?: string[] };
}

/** The caller of a request once authentication has succeeded. */
export type Caller =
  | { kind: 'user'; account: SimAccount; user: SimIamUser; key: SimAccessKey; session?: undefined }
  | { kind: 'user'; account: SimAccount; user: SimIamUser; key?: undefined; session: SimSession }
  | { kind: 'assumed-role'; account: SimAccount; role: SimRole; session: SimSession; key?: undefined };

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** A fresh IAM-style unique id with the given four-letter prefix (AKIA, ASIA, AIDA, AROA...). */
export const newIamId = (prefix: string): string => prefix + randomFrom(ID_ALPHABET, 16);

/** Bits 7..46 of an access key id's first six bytes after the prefix hold the account id. */
const ACCOUNT_MASK = 0x7fffffffff80n;

/**
 * An access key id (AKIA/ASIA) as AWS has issued them since 2019: the 16 characters after the
 * prefix are base32 of 10 bytes whose first six carry the account id shifted left by 7, the
 * rest random. This is how sts:GetAccessKeyInfo can answer for any key id, even a deleted or
 * unknown one (STS API reference: "This operation does not indicate the state of the access key").
 */
export function newAccessKeyId(prefix: 'AKIA' | 'ASIA', accountId: string): string {
  const bytes = randomBytes(10);
  const head = (BigInt(accountId) << 7n) | BigInt(bytes[5]! & 0x7f);
  for (let i = 0; i < 6; i++) bytes[i] = Number((head >> BigInt(8 * (5 - i))) & 0xffn);
  let bits = 0;
  let value = 0;
  let out = prefix;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ID_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The account an access key id names (the inverse of newAccessKeyId; any 16+ characters decode to some account, as on AWS). */
export function accountOfKeyId(accessKeyId: string): string {
  let bits = 0;
  let value = 0n;
  for (const char of accessKeyId.slice(4, 14)) {
    value = (value << 5n) | BigInt(Math.max(0, ID_ALPHABET.indexOf(char.toUpperCase())));
    bits += 5;
  }
  const head = value >> BigInt(bits - 48);
  return String((head & ACCOUNT_MASK) >> 7n).padStart(12, '0');
}
/** A fresh 40-character secret access key. */
export const newSecret = (): string => randomFrom(SECRET_ALPHABET, 40);
/** A fresh opaque session token (AWS's are long base64 strings). */
export const newSessionToken = (): string => 'IQoJb3JpZ2luX2VjE' + randomBytes(240).toString('base64');

/** Options for adding a user. */
export interface AddUserOptions {
  path?: string;
  createDate?: Date;
  policies?: Record<string, PolicyDocument>;
  attachedPolicyArns?: string[];
  permissionsBoundaryArn?: string;
}

/** The simulator's whole state, with helpers to build and inspect it. */
export class SimWorld {
  readonly accounts = new Map<string, SimAccount>();
  readonly users: SimIamUser[] = [];
  readonly roles: SimRole[] = [];
  readonly groups: SimGroup[] = [];
  /** Managed policies by ARN: the document of the default version. */
  readonly managedPolicies = new Map<string, PolicyDocument>();
  /** GetPolicy's metadata by ARN (policies added straight to `managedPolicies` get a v1 default). */
  readonly managedPolicyInfo = new Map<string, SimManagedPolicyInfo>();
  readonly keys = new Map<string, SimAccessKey>();
  readonly sessions = new Map<string, SimSession>();
  readonly clusters: SimCluster[] = [];
  readonly dbUsers: SimDbUser[] = [];
  readonly acls: SimAcl[] = [];

  /** `now` is the simulator's true clock (without any configured server offset). */
  constructor(private readonly now: () => number = Date.now) {}

  /** Adds (or returns the existing) account with the given 12-digit id. */
  addAccount(id: string, options: { enabledOptInRegions?: string[]; knobs?: AccountKnobs; serviceControlPolicies?: NamedPolicy[] } = {}): SimAccount {
    const existing = this.accounts.get(id);
    if (existing) return existing;
    if (!/^\d{12}$/.test(id)) throw new Error(`Account id must be 12 digits, got "${id}".`);
    const account: SimAccount = {
      id,
      enabledOptInRegions: new Set(options.enabledOptInRegions ?? []),
      knobs: { ...options.knobs },
      ...(options.serviceControlPolicies ? { serviceControlPolicies: options.serviceControlPolicies } : {}),
    };
    this.accounts.set(id, account);
    return account;
  }

  /** The account, or an error naming the id. */
  account(id: string): SimAccount {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`No account ${id} in the simulator world.`);
    return account;
  }

  /** Whether the account may use the region (non-opt-in regions always). */
  regionEnabled(accountId: string, region: string): boolean {
    return !OPT_IN_REGIONS.includes(region) || this.account(accountId).enabledOptInRegions.has(region);
  }

  /** Stores a customer-managed policy and returns its ARN; `defaultVersionId` says how often it was edited (v1 when new). */
  addManagedPolicy(accountId: string, name: string, document: PolicyDocument, options: { defaultVersionId?: string; path?: string } = {}): string {
    const path = options.path ?? '/';
    const arn = `arn:aws:iam::${accountId}:policy${path}${name}`;
    this.managedPolicies.set(arn, document);
    this.managedPolicyInfo.set(arn, {
      name,
      path,
      policyId: newIamId('ANPA'),
      defaultVersionId: options.defaultVersionId ?? 'v1',
      createDate: new Date(this.now()),
    });
    return arn;
  }

  /** GetPolicy's metadata for a stored managed policy (made up once for policies stored without it). */
  policyInfo(arn: string): SimManagedPolicyInfo | undefined {
    if (!this.managedPolicies.has(arn)) return undefined;
    let info = this.managedPolicyInfo.get(arn);
    if (!info) {
      const [, path = '/', name = arn] = /:policy(\/(?:.*\/)?)([^/]+)$/.exec(arn) ?? [];
      info = { name, path, policyId: newIamId('ANPA'), defaultVersionId: 'v1', createDate: new Date(this.now()) };
      this.managedPolicyInfo.set(arn, info);
    }
    return info;
  }

  /** Adds an IAM group with its members (user names of the same account) and policies. */
  addGroup(
    accountId: string,
    name: string,
    options: { members?: string[]; policies?: Record<string, PolicyDocument>; attachedPolicyArns?: string[]; path?: string } = {},
  ): SimGroup {
    this.account(accountId);
    if (this.findGroup(accountId, name)) throw new Error(`Group ${name} already exists in ${accountId}.`);
    const path = options.path ?? '/';
    const group: SimGroup = {
      accountId,
      name,
      path,
      groupId: newIamId('AGPA'),
      arn: `arn:aws:iam::${accountId}:group${path}${name}`,
      createDate: new Date(this.now()),
      members: [...(options.members ?? [])],
      attachedPolicyArns: [...(options.attachedPolicyArns ?? [])],
      inlinePolicies: new Map(Object.entries(options.policies ?? {})),
    };
    this.groups.push(group);
    return group;
  }

  /** Finds a group by account and name. */
  findGroup(accountId: string, name: string): SimGroup | undefined {
    return this.groups.find((g) => g.accountId === accountId && g.name === name);
  }

  /** The groups a user belongs to. */
  groupsOf(user: SimIamUser): SimGroup[] {
    return this.groups.filter((g) => g.accountId === user.accountId && g.members.includes(user.name));
  }

  /** Adds an IAM user to an existing account. */
  addUser(accountId: string, name: string, options: AddUserOptions = {}): SimIamUser {
    this.account(accountId);
    if (this.findUser(accountId, name)) throw new Error(`User ${name} already exists in ${accountId}.`);
    const path = options.path ?? '/';
    const user: SimIamUser = {
      accountId,
      name,
      path,
      userId: newIamId('AIDA'),
      arn: `arn:aws:iam::${accountId}:user${path}${name}`,
      createDate: options.createDate ?? new Date(this.now()),
      attachedPolicyArns: [...(options.attachedPolicyArns ?? [])],
      inlinePolicies: new Map(Object.entries(options.policies ?? {})),
      mfaDevices: [],
      ...(options.permissionsBoundaryArn ? { permissionsBoundaryArn: options.permissionsBoundaryArn } : {}),
    };
    this.users.push(user);
    return user;
  }

  /** Finds a user by account and name. */
  findUser(accountId: string, name: string): SimIamUser | undefined {
    return this.users.find((u) => u.accountId === accountId && u.name === name);
  }

  /** Gives a user a virtual MFA device that accepts `code`. */
  addMfaDevice(user: SimIamUser, code: string): SimMfaDevice {
    const device = { serialNumber: `arn:aws:iam::${user.accountId}:mfa/${user.name}`, code };
    user.mfaDevices.push(device);
    return device;
  }

  /** Adds a role trusted by the given principal ARNs. */
  addRole(
    accountId: string,
    name: string,
    options: {
      trustedPrincipals: string[];
      policies?: Record<string, PolicyDocument>;
      attachedPolicyArns?: string[];
      trustRequiresMfa?: boolean;
      externalId?: string;
      path?: string;
      permissionsBoundaryArn?: string;
    },
  ): SimRole {
    this.account(accountId);
    const path = options.path ?? '/';
    const role: SimRole = {
      accountId,
      name,
      path,
      roleId: newIamId('AROA'),
      arn: `arn:aws:iam::${accountId}:role${path}${name}`,
      createDate: new Date(this.now()),
      attachedPolicyArns: [...(options.attachedPolicyArns ?? [])],
      inlinePolicies: new Map(Object.entries(options.policies ?? {})),
      trustedPrincipals: [...options.trustedPrincipals],
      trustRequiresMfa: options.trustRequiresMfa ?? false,
      ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
      ...(options.permissionsBoundaryArn ? { permissionsBoundaryArn: options.permissionsBoundaryArn } : {}),
      maxSessionDurationSeconds: 3600,
    };
    this.roles.push(role);
    return role;
  }

  /** Finds a role by ARN. */
  findRoleByArn(arn: string): SimRole | undefined {
    return this.roles.find((r) => r.arn === arn);
  }

  /**
   * Creates an access key for a user. `usableAfterMs` models IAM propagation: until then the
   * key is unknown to every service, exactly like a key that does not exist.
   */
  createAccessKey(
    user: SimIamUser,
    options: { createDate?: Date; status?: 'Active' | 'Inactive'; usableAfterMs?: number; accessKeyId?: string; secretAccessKey?: string } = {},
  ): SimAccessKey {
    const key: SimAccessKey = {
      accessKeyId: options.accessKeyId ?? newAccessKeyId('AKIA', user.accountId),
      secretAccessKey: options.secretAccessKey ?? newSecret(),
      accountId: user.accountId,
      userName: user.name,
      status: options.status ?? 'Active',
      createDate: options.createDate ?? new Date(this.now()),
      usableFrom: this.now() + (options.usableAfterMs ?? 0),
    };
    this.keys.set(key.accessKeyId, key);
    return key;
  }

  /** The long-term key with this id, whatever its status or propagation. */
  findKey(accessKeyId: string): SimAccessKey | undefined {
    return this.keys.get(accessKeyId);
  }

  /** The keys of a user, oldest first; `accountId` disambiguates equal user names. */
  keysOf(userName: string, accountId?: string): SimAccessKey[] {
    return [...this.keys.values()]
      .filter((k) => k.userName === userName && (accountId === undefined || k.accountId === accountId))
      .sort((a, b) => a.createDate.getTime() - b.createDate.getTime());
  }

  /** Issues temporary credentials. */
  createSession(options: Omit<SimSession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): SimSession {
    const session: SimSession = {
      ...options,
      accessKeyId: newAccessKeyId('ASIA', options.accountId),
      secretAccessKey: newSecret(),
      sessionToken: newSessionToken(),
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  /** The managed and inline policies of a user (with those of its groups) or role, as the evaluator wants them. */
  identityPolicies(entity: SimIamUser | SimRole): NamedPolicy[] {
    const groups = 'userId' in entity ? this.groupsOf(entity) : [];
    return [entity, ...groups].flatMap((holder) => {
      const managed = holder.attachedPolicyArns.flatMap((arn) => {
        const document = this.managedPolicies.get(arn);
        return document ? [{ id: arn, document }] : [];
      });
      const inline = [...holder.inlinePolicies].map(([name, document]) => ({ id: name, document }));
      return [...managed, ...inline];
    });
  }

  /** Adds a MemoryDB cluster; the caller should add its ACL and users too. */
  addCluster(cluster: Omit<SimCluster, 'status' | 'port' | 'tags' | 'nodeType' | 'numberOfShards' | 'engine'> & Partial<SimCluster>): SimCluster {
    const full: SimCluster = { status: 'available', port: 6379, tags: [], nodeType: 'db.t4g.small', numberOfShards: 1, engine: 'valkey', ...cluster };
    this.clusters.push(full);
    return full;
  }

  /** Adds a MemoryDB user. */
  addDbUser(user: Omit<SimDbUser, 'status' | 'minimumEngineVersion' | 'passwordCount'> & Partial<SimDbUser>): SimDbUser {
    const full: SimDbUser = {
      status: 'active',
      minimumEngineVersion: user.authenticationType === 'iam' ? '7.0' : '6.2',
      passwordCount: user.authenticationType === 'password' ? 1 : 0,
      ...user,
    };
    this.dbUsers.push(full);
    return full;
  }

  /** Adds a MemoryDB ACL. */
  addAcl(acl: Omit<SimAcl, 'status' | 'minimumEngineVersion'> & Partial<SimAcl>): SimAcl {
    const full: SimAcl = { status: 'active', minimumEngineVersion: '6.2', ...acl };
    this.acls.push(full);
    return full;
  }

  /**
   * Every account gets the region's built-in `default` user and `open-access` ACL, as AWS
   * shows them (docs/aws-behaviour.md §2.1: aws-cli examples for describe-users / describe-acls).
   */
  ensureMemoryDbDefaults(accountId: string, region: string): void {
    if (!this.dbUsers.some((u) => u.accountId === accountId && u.region === region && u.name === 'default')) {
      this.addDbUser({ accountId, region, name: 'default', accessString: 'on ~* &* +@all', authenticationType: 'no-password' });
    }
    if (!this.acls.some((a) => a.accountId === accountId && a.region === region && a.name === 'open-access')) {
      this.addAcl({ accountId, region, name: 'open-access', userNames: ['default'] });
    }
  }
}
