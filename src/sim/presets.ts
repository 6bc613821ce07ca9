import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningSimulator } from './index';
import type { PolicyDocument } from './policy';
import { ssoPresetBuilders, writeSsoCaches } from './sso-presets';
import { newIamId, newSecret, type SimAccount, type SimIamUser, type SimWorld } from './world';

/**
 * Scenario presets: each builds its own account and IAM user in the simulator's world and
 * writes a profile named after itself into a throwaway credentials + config pair whose
 * `endpoint_url` points at the simulator. `expectedRootCause` uses the cause ids of docs/CAUSES.md.
 */

/** One preset as listed in presets.json. */
export interface PresetEntry {
  preset: string;
  profile: string;
  description: string;
  expectedRootCause: string | null;
  region: string;
  cluster?: string;
  user?: string;
  env?: Record<string, string>;
  /** How the client signs in to the cluster (cluster presets only). */
  signIn?: 'password' | 'iam';
  /** The MFA device and the one code the simulator accepts for it (no TOTP needed). */
  mfa?: { serialNumber: string; code: string };
  /**
   * false: the profile is not named on the command line; the SDK selects it (AWS_PROFILE,
   * else `default`, with environment keys first), as on a CI runner or in a container.
   */
  named?: false;
  /**
   * The preset needs an environment of its own (variables, files, or no section of its own),
   * so it runs where that can be given (the CLI demo, tests), not in the wizard's demo.
   */
  ownEnvironment?: true;
  /**
   * Another profile of the same account that may look the refused key up in IAM (mdb-doctor
   * diagnose --look-up-with), and the root cause once it has.
   */
  lookUpWith?: string;
  expectedAfterLookUp?: string;
}

/** The folder writePresets produced. */
export interface PresetFolder {
  dir: string;
  credentialsFile: string;
  configFile: string;
  presets: PresetEntry[];
}

/** A key pair, with a session token for temporary credentials. */
type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** One INI section of a preset's files. */
interface Section {
  file: 'credentials' | 'config';
  header: string;
  values: Record<string, string | undefined>;
}

interface Built {
  entry: Omit<PresetEntry, 'preset' | 'profile'> & { profile?: string };
  /** The keys of the profile's [name] credentials section; none when it gets credentials another way. */
  credentials?: Keys;
  /** More keys of the profile's config section (role_arn, source_profile, credential_process...). */
  config?: Record<string, string | undefined>;
  /** Other sections the preset needs: a source profile, a broken neighbour. */
  sections?: Section[];
  /** No section of its own (environment-only setups). */
  noProfile?: true;
  /** Files of its own in a sub-folder, named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE in its environment. */
  ownFiles?: true;
}

interface BuildContext {
  world: SimWorld;
  account: SimAccount;
  name: string;
  now: number;
  /** The simulator's endpoint, for environment-only presets (AWS_ENDPOINT_URL). */
  endpoint: string;
  /** The folder this preset may write helper files into (token files, scripts). */
  dir: string;
}

const DAY_MS = 86_400_000;
const HOME_REGION = 'eu-west-1';
const CLUSTER = 'orders';
const APP_USER = 'app-user';

/** memorydb:* read + Connect, and the Account API's opt-in check. */
const DEVELOPER_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'MemoryDBRead', Effect: 'Allow', Action: ['memorydb:Describe*', 'memorydb:List*', 'memorydb:Connect'], Resource: '*' },
    { Sid: 'RegionStatus', Effect: 'Allow', Action: ['account:GetRegionOptStatus', 'account:ListRegions'], Resource: '*' },
  ],
};

const OWN_KEYS_ACTIONS = [
  'iam:CreateAccessKey',
  'iam:DeleteAccessKey',
  'iam:GetAccessKeyLastUsed',
  'iam:GetUser',
  'iam:ListAccessKeys',
  'iam:UpdateAccessKey',
  'iam:ListAttachedUserPolicies',
  'iam:ListUserPolicies',
  'iam:GetUserPolicy',
  'iam:ListGroupsForUser',
  'iam:SimulatePrincipalPolicy',
];

/** AWS's "ManageOwnAccessKeys" example plus the read calls the doctor makes (docs/aws-behaviour.md §4). */
function ownKeysPolicy(actions: readonly string[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'ManageOwnAccessKeys', Effect: 'Allow', Action: [...actions], Resource: 'arn:aws:iam::*:user/${aws:username}' }],
  };
}

const OWN_KEYS_POLICY = ownKeysPolicy(OWN_KEYS_ACTIONS);
/** The same, less iam:SimulatePrincipalPolicy, which many real users are not given. */
const OWN_KEYS_WITHOUT_SIMULATOR = ownKeysPolicy(OWN_KEYS_ACTIONS.filter((action) => action !== 'iam:SimulatePrincipalPolicy'));

/** The IAM User Guide's example "Allows IAM users to view their own permissions" (reference_policies_examples_iam_view-own-permissions). */
const VIEW_OWN_PERMISSIONS: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ViewOwnUserInfo',
      Effect: 'Allow',
      Action: ['iam:GetUserPolicy', 'iam:ListGroupsForUser', 'iam:ListAttachedUserPolicies', 'iam:ListUserPolicies', 'iam:GetUser'],
      Resource: ['arn:aws:iam::*:user/${aws:username}'],
    },
    {
      Sid: 'NavigateInConsole',
      Effect: 'Allow',
      Action: [
        'iam:GetGroupPolicy',
        'iam:GetPolicyVersion',
        'iam:GetPolicy',
        'iam:ListAttachedGroupPolicies',
        'iam:ListGroupPolicies',
        'iam:ListPolicyVersions',
        'iam:ListPolicies',
        'iam:ListUsers',
      ],
      Resource: '*',
    },
  ],
};

/** An explicit Deny of the policy simulator: the user must do without it. */
const NO_POLICY_SIMULATOR: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'NoPolicySimulator', Effect: 'Deny', Action: 'iam:SimulatePrincipalPolicy', Resource: '*' }],
};

function developer(
  context: BuildContext,
  options: {
    memorydb?: PolicyDocument | null;
    extraInline?: Record<string, PolicyDocument>;
    ownKeys?: PolicyDocument;
    /** More managed policies to create and attach, by name. */
    extraAttached?: Record<string, { document: PolicyDocument; defaultVersionId?: string }>;
    /** A managed policy (created under this name) set as the user's permissions boundary. */
    boundary?: { name: string; document: PolicyDocument };
  } = {},
): SimIamUser {
  const { world, account, name } = context;
  const attached: string[] = [];
  if (options.memorydb !== null) attached.push(world.addManagedPolicy(account.id, 'MemoryDBDeveloper', options.memorydb ?? DEVELOPER_POLICY));
  for (const [policyName, policy] of Object.entries(options.extraAttached ?? {}))
    attached.push(
      world.addManagedPolicy(account.id, policyName, policy.document, policy.defaultVersionId ? { defaultVersionId: policy.defaultVersionId } : {}),
    );
  const boundaryArn = options.boundary ? world.addManagedPolicy(account.id, options.boundary.name, options.boundary.document) : undefined;
  return world.addUser(account.id, name, {
    createDate: new Date(context.now - 400 * DAY_MS),
    attachedPolicyArns: attached,
    policies: { ManageOwnAccessKeys: options.ownKeys ?? OWN_KEYS_POLICY, ...options.extraInline },
    ...(boundaryArn ? { permissionsBoundaryArn: boundaryArn } : {}),
  });
}

/**
 * A user whose MemoryDB calls are refused in the older AccessDenied wording, who may not use the
 * policy simulator but may read its own policies (AWS's view-own-permissions example): the setup
 * where only reading the policies can say which one denies.
 */
function plainDenialUser(context: BuildContext, options: Parameters<typeof developer>[1] = {}): Keys {
  context.account.knobs.plainAccessDenied = true;
  const user = developer(context, {
    ...options,
    ownKeys: OWN_KEYS_WITHOUT_SIMULATOR,
    extraInline: { ViewOwnPermissions: VIEW_OWN_PERMISSIONS, ...options.extraInline },
  });
  ordersCluster(context, HOME_REGION);
  return activeKey(context, user);
}

const DENY_MEMORYDB: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyMemoryDb', Effect: 'Deny', Action: ['memorydb:*'], Resource: '*' }],
};

/** The standard data plane: cluster `orders` in `region` behind ACL `orders-acl` with `app-user`. */
function ordersCluster(context: BuildContext, region: string, user: { accessString?: string; authenticationType?: 'password' | 'iam' } = {}): void {
  const { world, account } = context;
  world.ensureMemoryDbDefaults(account.id, region);
  world.addDbUser({
    accountId: account.id,
    region,
    name: APP_USER,
    accessString: user.accessString ?? 'on ~* &* +@all',
    authenticationType: user.authenticationType ?? 'password',
  });
  world.addDbUser({ accountId: account.id, region, name: 'reporting', accessString: 'on ~reports:* +@read', authenticationType: 'password' });
  world.addAcl({ accountId: account.id, region, name: 'orders-acl', userNames: ['default', APP_USER] });
  world.addCluster({
    accountId: account.id,
    region,
    name: CLUSTER,
    aclName: 'orders-acl',
    tlsEnabled: true,
    engineVersion: '7.2',
    tags: [{ Key: 'team', Value: 'orders' }],
  });
}

function activeKey(context: BuildContext, user: SimIamUser, ageDays = 30): Keys {
  const key = context.world.createAccessKey(user, { createDate: new Date(context.now - ageDays * DAY_MS) });
  key.lastUsed = { date: new Date(context.now - 2 * DAY_MS), serviceName: 'memorydb', region: HOME_REGION };
  return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
}

/** A plain working developer with the orders cluster at home. */
function working(context: BuildContext, region = HOME_REGION, clusterRegion = region): Keys {
  const user = developer(context);
  ordersCluster(context, clusterRegion);
  return activeKey(context, user);
}

/** GetSessionToken credentials of the preset's user, expiring `expiresInMs` from now (negative: already expired). */
function sessionCredentials(context: BuildContext, expiresInMs: number, extra: { sourceAccessKeyId?: string; globalEndpointV1Token?: boolean } = {}) {
  const session = context.world.createSession({
    accountId: context.account.id,
    principal: { kind: 'user', userName: context.name },
    expiration: new Date(context.now + expiresInMs),
    mfaAuthenticated: false,
    issuedBy: 'GetSessionToken',
    ...extra,
  });
  return { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
}

type Builder = (context: BuildContext) => Built;

/** What a key administrator needs to look a refused key up: its account, its owner and its status. */
const KEY_LOOKUP_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'LookUpKeys', Effect: 'Allow', Action: ['sts:GetAccessKeyInfo', 'iam:GetAccessKeyLastUsed', 'iam:ListAccessKeys'], Resource: '*' }],
};

/**
 * The profile's key is refused (made Inactive, or deleted), and [<preset>-admin] holds a working
 * key of another user of the same account who may read IAM's access keys.
 */
function refusedKeyWithAdmin(c: BuildContext, state: 'Inactive' | 'deleted'): Built {
  const user = developer(c);
  ordersCluster(c, HOME_REGION);
  const key = c.world.createAccessKey(user, { createDate: new Date(c.now - 60 * DAY_MS), status: state === 'Inactive' ? 'Inactive' : 'Active' });
  if (state === 'deleted') c.world.keys.delete(key.accessKeyId);
  const admin = c.world.addUser(c.account.id, `${c.name}-admin`, { createDate: new Date(c.now - 400 * DAY_MS), policies: { LookUpKeys: KEY_LOOKUP_POLICY } });
  const adminProfile = `${c.name}-admin`;
  return {
    entry: {
      description:
        state === 'Inactive'
          ? `The key in the file was made Inactive; [${adminProfile}] (same account) may look it up in IAM.`
          : `The key in the file was deleted in IAM; [${adminProfile}] (same account) may look it up.`,
      expectedRootCause: 'credentials.key-rejected',
      region: HOME_REGION,
      lookUpWith: adminProfile,
      expectedAfterLookUp: state === 'Inactive' ? 'credentials.key-inactive' : 'credentials.key-rejected',
    },
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    sections: [
      { file: 'credentials', header: adminProfile, values: fileKeys(activeKey(c, admin)) },
      { file: 'config', header: `profile ${adminProfile}`, values: { region: HOME_REGION, endpoint_url: c.endpoint } },
    ],
  };
}

const BUILDERS: ReadonlyArray<readonly [string, Builder]> = [
  [
    'good',
    (c) => ({
      entry: {
        description: 'Working IAM user keys; cluster orders in eu-west-1 with password user app-user.',
        expectedRootCause: null,
        region: HOME_REGION,
        cluster: CLUSTER,
        user: APP_USER,
        signIn: 'password',
      },
      credentials: working(c),
    }),
  ],
  [
    'bad-key-id',
    (c) => {
      working(c);
      return {
        entry: {
          description: 'The key id in the file does not exist in AWS (deleted, typo or another account).',
          expectedRootCause: 'credentials.key-rejected',
          region: HOME_REGION,
        },
        credentials: { accessKeyId: newIamId('AKIA'), secretAccessKey: newSecret() },
      };
    },
  ],
  [
    'bad-secret',
    (c) => {
      const real = working(c);
      return {
        entry: {
          description: 'The key id is real but the secret in the file is wrong.',
          expectedRootCause: 'credentials.secret-mismatch',
          region: HOME_REGION,
        },
        credentials: { accessKeyId: real.accessKeyId, secretAccessKey: newSecret() },
      };
    },
  ],
  [
    'inactive-key',
    (c) => {
      const user = developer(c);
      ordersCluster(c, HOME_REGION);
      const key = c.world.createAccessKey(user, { createDate: new Date(c.now - 60 * DAY_MS), status: 'Inactive' });
      return {
        entry: {
          description: 'The key in the file was made Inactive; AWS answers as for an unknown key.',
          expectedRootCause: 'credentials.key-rejected',
          region: HOME_REGION,
        },
        credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      };
    },
  ],
  ['inactive-key-lookup', (c) => refusedKeyWithAdmin(c, 'Inactive')],
  ['deleted-key-lookup', (c) => refusedKeyWithAdmin(c, 'deleted')],
  [
    'expired-session',
    (c) => {
      const user = developer(c);
      ordersCluster(c, HOME_REGION);
      const source = c.world.createAccessKey(user, { createDate: new Date(c.now - 30 * DAY_MS) });
      return {
        entry: {
          description: 'Temporary credentials (session token) that expired an hour ago.',
          expectedRootCause: 'credentials.expired',
          region: HOME_REGION,
        },
        credentials: sessionCredentials(c, -3_600_000, { sourceAccessKeyId: source.accessKeyId }),
      };
    },
  ],
  [
    'stray-session-token',
    (c) => {
      const real = working(c);
      const leftover = sessionCredentials(c, -2 * DAY_MS);
      return {
        entry: {
          description: 'A working long-term key, but the profile still carries the aws_session_token of an old session; AWS answers ExpiredToken.',
          expectedRootCause: 'credentials.stray-session-token',
          region: HOME_REGION,
        },
        credentials: { ...real, sessionToken: leftover.sessionToken },
      };
    },
  ],
  [
    'old-session-token',
    (c) => {
      developer(c);
      ordersCluster(c, HOME_REGION);
      return {
        entry: {
          description: 'Temporary credentials that expired a month ago; AWS no longer knows the token and answers InvalidClientTokenId.',
          expectedRootCause: 'credentials.temporary-rejected',
          region: HOME_REGION,
        },
        credentials: sessionCredentials(c, -30 * DAY_MS),
      };
    },
  ],
  [
    'global-sts-token',
    (c) => {
      c.account.enabledOptInRegions.add('ap-east-1');
      developer(c);
      ordersCluster(c, 'ap-east-1');
      return {
        entry: {
          description:
            'Temporary credentials from the global STS endpoint (a version 1 token) used in ap-east-1, which the account has enabled; opt-in regions refuse v1 tokens.',
          expectedRootCause: 'region.v1-token-refused',
          region: 'ap-east-1',
        },
        credentials: sessionCredentials(c, 6 * 3_600_000, { globalEndpointV1Token: true }),
      };
    },
  ],
  [
    'clock-skew',
    (c) => {
      // The server's clock runs 20 minutes ahead for this account only, so one simulator serves every preset.
      c.account.knobs.clockOffsetMs = 20 * 60_000;
      return {
        entry: {
          description: "The server clock is 20 minutes ahead of this machine's (per-account offset).",
          expectedRootCause: 'credentials.clock-skew',
          region: HOME_REGION,
        },
        credentials: working(c),
      };
    },
  ],
  [
    'clock-skew-small',
    (c) => {
      // 10 minutes: inside STS's 15-minute window, outside MemoryDB's 5 (docs/aws-behaviour.md §7).
      c.account.knobs.clockOffsetMs = 10 * 60_000;
      return {
        entry: {
          description: "The server clock is 10 minutes ahead of this machine's: STS accepts the first call, MemoryDB refuses it.",
          expectedRootCause: 'credentials.clock-skew',
          region: HOME_REGION,
          cluster: CLUSTER,
          user: APP_USER,
          signIn: 'password',
        },
        credentials: working(c),
      };
    },
  ],
  [
    'wrong-region',
    (c) => ({
      entry: {
        description: 'The profile says us-west-2, which holds no clusters; cluster orders lives in eu-west-1.',
        expectedRootCause: 'region.cluster-elsewhere',
        region: 'us-west-2',
        cluster: CLUSTER,
      },
      credentials: working(c, 'us-west-2', HOME_REGION),
    }),
  ],
  [
    'memorydb-not-offered',
    (c) => ({
      entry: {
        description: 'The profile region ap-northeast-3 (Osaka) has no MemoryDB (on AWS its endpoint does not resolve); the cluster is in eu-west-1.',
        expectedRootCause: 'region.invalid',
        region: 'ap-northeast-3',
        cluster: CLUSTER,
      },
      credentials: working(c, 'ap-northeast-3', HOME_REGION),
    }),
  ],
  [
    'region-not-enabled',
    (c) => ({
      entry: {
        description: 'The profile region ap-east-1 (Hong Kong) is an opt-in region this account has not enabled.',
        expectedRootCause: 'region.not-enabled',
        region: 'ap-east-1',
      },
      credentials: working(c, 'ap-east-1', HOME_REGION),
    }),
  ],
  [
    'no-permission',
    (c) => {
      const user = developer(c, { memorydb: null });
      ordersCluster(c, HOME_REGION);
      return {
        entry: {
          description: 'The user may manage its keys but no policy allows any memorydb:* action.',
          expectedRootCause: 'permissions.missing',
          region: HOME_REGION,
        },
        credentials: activeKey(c, user),
      };
    },
  ],
  [
    'explicit-deny',
    (c) => {
      const deny: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'NoMemoryDB', Effect: 'Deny', Action: 'memorydb:*', Resource: '*' }] };
      const user = developer(c, { extraInline: { DenyMemoryDB: deny } });
      ordersCluster(c, HOME_REGION);
      return {
        entry: {
          description: 'MemoryDBDeveloper allows memorydb:*, but the inline policy DenyMemoryDB denies it explicitly.',
          expectedRootCause: 'permissions.explicit-deny',
          region: HOME_REGION,
        },
        credentials: activeKey(c, user),
      };
    },
  ],
  [
    'deny-unexplained',
    (c) => {
      // A service control policy denies MemoryDB, but the account's answers use the older AccessDenied wording
      // (no "explicit deny" / "because no … policy allows"), and the user may not use the policy simulator.
      // The user may read its own policies, and they allow MemoryDB: so the deny is one the user cannot read.
      c.account.serviceControlPolicies = [
        { id: 'p-denymemorydb', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'memorydb:*', Resource: '*' }] } },
        { id: 'p-FullAWSAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
      ];
      return {
        entry: {
          description:
            'An SCP denies memorydb:*, but AccessDenied comes without the wording that says which kind of deny, and the policy simulator is not allowed; the user’s own policies allow MemoryDB.',
          expectedRootCause: 'permissions.denied',
          region: HOME_REGION,
        },
        credentials: plainDenialUser(c, { extraInline: { NoPolicySimulator: NO_POLICY_SIMULATOR } }),
      };
    },
  ],
  [
    'deny-in-managed-policy',
    (c) => ({
      entry: {
        description:
          'Statement DenyMemoryDb of the attached managed policy MemoryDBGuardrail (version v3) denies memorydb:*; AccessDenied has no "explicit deny" wording and the policy simulator is denied.',
        expectedRootCause: 'permissions.explicit-deny',
        region: HOME_REGION,
      },
      credentials: plainDenialUser(c, {
        extraInline: { NoPolicySimulator: NO_POLICY_SIMULATOR },
        extraAttached: { MemoryDBGuardrail: { document: DENY_MEMORYDB, defaultVersionId: 'v3' } },
      }),
    }),
  ],
  [
    'deny-in-group',
    (c) => {
      const credentials = plainDenialUser(c, { extraInline: { NoPolicySimulator: NO_POLICY_SIMULATOR } });
      c.world.addGroup(c.account.id, 'contractors', { members: [c.name], policies: { 'no-memorydb': DENY_MEMORYDB } });
      return {
        entry: {
          description:
            'The user is in group contractors, whose inline policy no-memorydb denies memorydb:*; AccessDenied has no "explicit deny" wording and the policy simulator is denied.',
          expectedRootCause: 'permissions.explicit-deny',
          region: HOME_REGION,
        },
        credentials,
      };
    },
  ],
  [
    'boundary-without-memorydb',
    (c) => ({
      entry: {
        description:
          'MemoryDBDeveloper allows memorydb:*, but the permissions boundary DeveloperBoundary allows only IAM, STS and the Account API; plain AccessDenied wording, no policy simulator.',
        expectedRootCause: 'permissions.missing',
        region: HOME_REGION,
      },
      credentials: plainDenialUser(c, {
        boundary: {
          name: 'DeveloperBoundary',
          document: { Version: '2012-10-17', Statement: [{ Sid: 'NoMemoryDb', Effect: 'Allow', Action: ['iam:*', 'sts:*', 'account:*'], Resource: '*' }] },
        },
      }),
    }),
  ],
  [
    'no-allow-plain',
    (c) => ({
      entry: {
        description: 'No policy allows any memorydb:* action; AccessDenied has no wording about why, and the user may not use the policy simulator.',
        expectedRootCause: 'permissions.missing',
        region: HOME_REGION,
      },
      credentials: plainDenialUser(c, { memorydb: null }),
    }),
  ],
  [
    'query-style-errors',
    (c) => {
      c.account.knobs.queryStyleErrors = true;
      const user = developer(c, { memorydb: null });
      ordersCluster(c, HOME_REGION);
      return {
        entry: {
          description:
            'MemoryDB answers with the query-style names of its CommonErrors page (NotAuthorized); no policy allows memorydb:*, as the simulator shows.',
          expectedRootCause: 'permissions.missing',
          region: HOME_REGION,
        },
        credentials: activeKey(c, user),
      };
    },
  ],
  [
    'old-key',
    (c) => {
      const user = developer(c);
      ordersCluster(c, HOME_REGION);
      return {
        entry: { description: 'Everything works, but the access key was created 200 days ago.', expectedRootCause: 'keys.old', region: HOME_REGION },
        credentials: activeKey(c, user, 200),
      };
    },
  ],
  [
    'two-keys-full',
    (c) => {
      const user = developer(c);
      ordersCluster(c, HOME_REGION);
      // Both keys younger than 90 days, so keys.old does not compete with the limit.
      activeKey(c, user, 60);
      return {
        entry: {
          description: 'The user already has two active keys, so rotation cannot create a third.',
          expectedRootCause: 'keys.limit-reached',
          region: HOME_REGION,
        },
        credentials: activeKey(c, user, 20),
      };
    },
  ],
  [
    'mfa-required',
    (c) => {
      // The IAM User Guide's "DenyAllExceptListedIfNoMFA" pattern, narrowed to IAM: long-term keys carry no
      // aws:MultiFactorAuthPresent, so BoolIfExists false matches and IAM is denied until GetSessionToken with MFA.
      const deny: PolicyDocument = {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'DenyIamWithoutMFA', Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
        ],
      };
      const user = developer(c, { extraInline: { RequireMFAForIAM: deny } });
      ordersCluster(c, HOME_REGION);
      const code = String(100000 + Math.floor(Math.random() * 900000));
      const device = c.world.addMfaDevice(user, code);
      return {
        entry: {
          description: `IAM calls are explicitly denied without MFA. Get a session with sts:GetSessionToken SerialNumber=${device.serialNumber} TokenCode=${code} (the simulator accepts exactly this code).`,
          expectedRootCause: 'permissions.explicit-deny',
          region: HOME_REGION,
          mfa: { serialNumber: device.serialNumber, code },
        },
        credentials: activeKey(c, user),
      };
    },
  ],
  [
    'acl-user-disabled',
    (c) => {
      const user = developer(c);
      ordersCluster(c, HOME_REGION, { accessString: 'off ~* &* +@all' });
      return {
        entry: {
          description: 'Cluster orders: user app-user is in the ACL but its access string is off.',
          expectedRootCause: 'cluster.user-disabled',
          region: HOME_REGION,
          cluster: CLUSTER,
          user: APP_USER,
          signIn: 'password',
        },
        credentials: activeKey(c, user),
      };
    },
  ],
  [
    'acl-wrong-auth-type',
    (c) => {
      const user = developer(c);
      ordersCluster(c, HOME_REGION, { authenticationType: 'iam' });
      return {
        entry: {
          description: 'Cluster orders: user app-user authenticates with IAM tokens, but the client signs in with a password.',
          expectedRootCause: 'cluster.auth-mismatch',
          region: HOME_REGION,
          cluster: CLUSTER,
          user: APP_USER,
          signIn: 'password',
        },
        credentials: activeKey(c, user),
      };
    },
  ],
  [
    'env-shadowing',
    (c) => ({
      entry: {
        description: 'The profile works, but AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment hold an unknown key that the SDK uses instead.',
        expectedRootCause: 'profile.env-shadowing',
        region: HOME_REGION,
        env: { AWS_ACCESS_KEY_ID: newIamId('AKIA'), AWS_SECRET_ACCESS_KEY: newSecret() },
      },
      credentials: working(c),
    }),
  ],
  [
    'cluster-not-found',
    (c) => ({
      entry: {
        description: 'The named cluster payments exists in no MemoryDB region of this account.',
        expectedRootCause: 'cluster.not-found',
        region: HOME_REGION,
        cluster: 'payments',
        user: APP_USER,
        signIn: 'password',
      },
      credentials: working(c),
    }),
  ],
  [
    'acl-user-missing',
    (c) => ({
      entry: {
        description: "Cluster orders: user reporting exists but is not in the cluster's ACL orders-acl.",
        expectedRootCause: 'cluster.user-missing',
        region: HOME_REGION,
        cluster: CLUSTER,
        user: 'reporting',
        signIn: 'password',
      },
      credentials: working(c),
    }),
  ],
  [
    'connect-denied',
    (c) => {
      const statements = Array.isArray(DEVELOPER_POLICY.Statement) ? DEVELOPER_POLICY.Statement : [DEVELOPER_POLICY.Statement];
      const readOnly: PolicyDocument = {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'MemoryDBReadOnly', Effect: 'Allow', Action: ['memorydb:Describe*', 'memorydb:List*'], Resource: '*' },
          ...statements.filter((st) => st.Sid !== 'MemoryDBRead'),
        ],
      };
      const user = developer(c, { memorydb: readOnly });
      ordersCluster(c, HOME_REGION, { authenticationType: 'iam' });
      return {
        entry: {
          description: 'Cluster orders: app-user uses IAM authentication, but no policy allows memorydb:Connect.',
          expectedRootCause: 'cluster.connect-denied',
          region: HOME_REGION,
          cluster: CLUSTER,
          user: APP_USER,
          signIn: 'iam',
        },
        credentials: activeKey(c, user),
      };
    },
  ],
  [
    'env-only',
    (c) => ({
      entry: {
        description: 'A CI runner or container: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION in the environment, no AWS files.',
        expectedRootCause: null,
        region: HOME_REGION,
        profile: 'default',
        named: false,
        env: { ...envKeys(working(c)), AWS_REGION: HOME_REGION, AWS_ENDPOINT_URL: c.endpoint },
      },
      noProfile: true,
      ownFiles: true,
    }),
  ],
  [
    'env-only-session',
    (c) => {
      developer(c);
      ordersCluster(c, HOME_REGION);
      return {
        entry: {
          description: 'Temporary credentials (with AWS_SESSION_TOKEN) and AWS_DEFAULT_REGION in the environment, no AWS files.',
          expectedRootCause: null,
          region: HOME_REGION,
          profile: 'default',
          named: false,
          env: { ...envKeys(sessionCredentials(c, 3_600_000)), AWS_DEFAULT_REGION: HOME_REGION, AWS_ENDPOINT_URL: c.endpoint },
        },
        noProfile: true,
        ownFiles: true,
      };
    },
  ],
  [
    'aws-profile-env',
    (c) => ({
      entry: {
        description: 'AWS_PROFILE selects a working profile; nothing is named on the command line.',
        expectedRootCause: null,
        region: HOME_REGION,
        named: false,
        env: { AWS_PROFILE: c.name },
      },
      credentials: working(c),
    }),
  ],
  [
    'broken-neighbour',
    (c) => ({
      entry: {
        description: 'A working profile next to an unrelated broken section ([staging] without the "profile " prefix in the config file).',
        expectedRootCause: null,
        region: HOME_REGION,
      },
      credentials: working(c),
      sections: [{ file: 'config', header: `${c.name}-staging`, values: { region: 'us-east-2' } }],
    }),
  ],
  [
    'region-env-override',
    (c) => ({
      entry: {
        description: 'The profile says eu-west-1, where cluster orders is, but AWS_REGION=us-west-2 in the environment overrides it.',
        expectedRootCause: 'region.cluster-elsewhere',
        region: HOME_REGION,
        cluster: CLUSTER,
        env: { AWS_REGION: 'us-west-2' },
      },
      credentials: working(c),
    }),
  ],
  [
    'profile-typo',
    (c) => ({
      entry: {
        description: 'The profile name asked for (profile-tpyo) is a typo of the existing profile profile-typo.',
        expectedRootCause: 'profile.not-found',
        region: HOME_REGION,
        profile: 'profile-tpyo',
      },
      noProfile: true,
      sections: [
        { file: 'credentials', header: c.name, values: { ...fileKeys(working(c)) } },
        { file: 'config', header: `profile ${c.name}`, values: { region: HOME_REGION, endpoint_url: c.endpoint } },
      ],
    }),
  ],
  [
    'profile-default-in-credentials',
    (c) => ({
      entry: {
        description: 'The credentials file says [profile default], a header the SDK files under "profile default", so [default] has no keys.',
        expectedRootCause: 'profile.malformed',
        region: HOME_REGION,
        profile: 'default',
      },
      noProfile: true,
      ownFiles: true,
      sections: [
        { file: 'credentials', header: 'profile default', values: fileKeys(working(c)) },
        { file: 'config', header: 'default', values: { region: HOME_REGION, endpoint_url: c.endpoint } },
      ],
    }),
  ],
  [
    'no-simulator',
    (c) => {
      const user = developer(c, { ownKeys: OWN_KEYS_WITHOUT_SIMULATOR });
      ordersCluster(c, HOME_REGION);
      return {
        entry: {
          description: 'Everything works; the user may not call iam:SimulatePrincipalPolicy (many real users may not), so the real calls decide.',
          expectedRootCause: null,
          region: HOME_REGION,
        },
        credentials: activeKey(c, user),
      };
    },
  ],
  ...(
    [
      ['temp-missing-token', 'Temporary credentials (ASIA…) pasted into the credentials file without their aws_session_token.', () => undefined],
      [
        'temp-damaged-token',
        'Temporary credentials pasted with a truncated aws_session_token (the line was cut when copying).',
        (token: string) => token.slice(0, 120),
      ],
    ] as const
  ).map(
    ([name, description, damage]) =>
      [
        name,
        (c: BuildContext): Built => {
          developer(c);
          ordersCluster(c, HOME_REGION);
          const session = sessionCredentials(c, 3_600_000);
          return {
            entry: { description, expectedRootCause: 'credentials.temporary-rejected', region: HOME_REGION },
            credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: damage(session.sessionToken!) },
          };
        },
      ] as const,
  ),
  ...assumeRolePresets(),
  [
    'credential-process-missing',
    (c) => ({
      entry: {
        description: 'credential_process names a program that does not exist.',
        expectedRootCause: 'credentials.process-failed',
        region: HOME_REGION,
      },
      config: { credential_process: join(c.dir, 'no-such-credential-helper') },
    }),
  ],
  [
    'credential-process-bad-json',
    () => ({
      entry: {
        description: 'credential_process runs but prints text that is not the JSON the SDK expects.',
        expectedRootCause: 'credentials.process-failed',
        region: HOME_REGION,
      },
      config: { credential_process: nodeCommand(`console.log('token refreshed')`) },
    }),
  ],
  [
    'credential-process-expired',
    (c) => {
      working(c);
      // Keys that were never real: the command line is shown in the report, so it must hold no secret.
      const output = {
        Version: 1,
        AccessKeyId: newIamId('ASIA'),
        SecretAccessKey: 'expired',
        SessionToken: 'expired',
        Expiration: new Date(c.now - 3_600_000).toISOString(),
      };
      return {
        entry: {
          description: 'credential_process prints credentials whose Expiration has passed.',
          expectedRootCause: 'credentials.process-failed',
          region: HOME_REGION,
        },
        config: { credential_process: nodeCommand(`console.log(JSON.stringify(${JSON.stringify(output)}))`) },
      };
    },
  ],
  [
    'web-identity-token-missing',
    (c) => {
      const role = c.world.addRole(c.account.id, 'ci-deployer', { trustedPrincipals: [] });
      return {
        entry: {
          description: 'role_arn with web_identity_token_file, but the token file is not there (the CI job did not write it).',
          expectedRootCause: 'credentials.web-identity',
          region: HOME_REGION,
        },
        config: { role_arn: role.arn, web_identity_token_file: join(c.dir, 'token') },
      };
    },
  ],
  [
    'no-instance-role',
    (c) => {
      const role = c.world.addRole(c.account.id, 'instance-deployer', { trustedPrincipals: [] });
      return {
        entry: {
          description: 'role_arn with credential_source = Ec2InstanceMetadata, run on a machine that is not an EC2 instance.',
          expectedRootCause: 'credentials.no-instance-role',
          region: HOME_REGION,
          env: { AWS_EC2_METADATA_DISABLED: 'false' },
        },
        config: { role_arn: role.arn, credential_source: 'Ec2InstanceMetadata' },
      };
    },
  ],
  [
    'sso-never-signed-in',
    (c) => ({
      entry: {
        description: 'An IAM Identity Center profile (sso_session) on a machine that never ran aws sso login.',
        expectedRootCause: 'credentials.sso-expired',
        region: HOME_REGION,
      },
      config: { sso_session: `${c.name}-session`, sso_account_id: c.account.id, sso_role_name: 'Developer' },
      sections: [
        { file: 'config', header: `sso-session ${c.name}-session`, values: { sso_start_url: 'https://example.awsapps.com/start', sso_region: HOME_REGION } },
      ],
    }),
  ],
];

/** The key pair as the environment holds it. */
function envKeys(keys: Keys): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    ...(keys.sessionToken ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
  };
}

/** The key pair as a credentials section holds it. */
function fileKeys(keys: Keys): Record<string, string | undefined> {
  return { aws_access_key_id: keys.accessKeyId, aws_secret_access_key: keys.secretAccessKey, aws_session_token: keys.sessionToken };
}

/** A shell command line that runs a line of JavaScript with this Node (no PATH lookup). */
function nodeCommand(script: string): string {
  return `"${process.execPath}" -e "${script.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** May assume roles: the identity-policy half of AssumeRole (the trust policy is the other). */
const ASSUME_ROLE_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AssumeRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
};

/**
 * The assume-role shapes: a profile with role_arn + source_profile whose source is a
 * developer user with keys in [<preset>-source].
 */
function assumeRolePresets(): Array<readonly [string, Builder]> {
  type Shape = {
    description: string;
    expected: string | null;
    /** Role options; null: the role does not exist. */
    role: { trustCaller: boolean; externalId?: string; requireMfa?: boolean } | null;
    callerMayAssume?: boolean;
    config?: (role: string) => Record<string, string>;
    sourceKeyUnknown?: true;
    /** More inline policies of the role, given its name. */
    rolePolicies?: (role: string) => Record<string, PolicyDocument>;
    /** The account answers AccessDenied in the older wording (knob plainAccessDenied). */
    plainAccessDenied?: true;
  };
  const shapes: Record<string, Shape> = {
    'assume-role': {
      description: 'role_arn + source_profile: the source user assumes a role that may use MemoryDB.',
      expected: null,
      role: { trustCaller: true },
    },
    'assume-role-untrusted': {
      description: "role_arn + source_profile, but the role's trust policy does not name the source user.",
      expected: 'credentials.assume-role-refused',
      role: { trustCaller: false },
    },
    'assume-role-not-allowed': {
      description: 'role_arn + source_profile; the role trusts the account, but no policy of the source user allows sts:AssumeRole.',
      expected: 'credentials.assume-role-refused',
      role: { trustCaller: true },
      callerMayAssume: false,
    },
    'assume-role-missing-role': {
      description: 'role_arn names a role that does not exist (deleted, or a typo in the name).',
      expected: 'credentials.assume-role-refused',
      role: null,
    },
    'assume-role-duration': {
      description: "duration_seconds = 43200, longer than the role's maximum session duration (1 hour).",
      expected: 'credentials.assume-role-refused',
      role: { trustCaller: true },
      config: () => ({ duration_seconds: '43200' }),
    },
    'assume-role-external-id': {
      description: 'The role demands an external id the profile does not give (external_id missing).',
      expected: 'credentials.assume-role-refused',
      role: { trustCaller: true, externalId: 'orders-7f3a' },
    },
    'assume-role-mfa': {
      description: 'The profile names mfa_serial: the role needs an MFA code, which a program without a prompt cannot give.',
      expected: 'credentials.assume-role-refused',
      role: { trustCaller: true, requireMfa: true },
      config: () => ({ mfa_serial: 'MFA' }),
    },
    'deny-in-role-policy': {
      description:
        'role_arn + source_profile: the inline policy guardrail of the role denies memorydb:*; AccessDenied has no "explicit deny" wording and the role may not use the policy simulator, but may read its own policies.',
      expected: 'permissions.explicit-deny',
      role: { trustCaller: true },
      plainAccessDenied: true,
      rolePolicies: (role) => ({
        guardrail: DENY_MEMORYDB,
        ReadOwnPolicies: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ReadOwnRole',
              Effect: 'Allow',
              Action: ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies'],
              Resource: `arn:aws:iam::*:role/${role}`,
            },
            { Sid: 'ReadManagedPolicies', Effect: 'Allow', Action: ['iam:GetPolicy', 'iam:GetPolicyVersion'], Resource: '*' },
          ],
        },
      }),
    },
    'assume-role-source-broken': {
      description: 'role_arn + source_profile, but the source profile holds a key AWS does not know.',
      expected: 'credentials.key-rejected',
      role: { trustCaller: true },
      sourceKeyUnknown: true,
    },
  };
  return Object.entries(shapes).map(
    ([name, shape]) =>
      [
        name,
        (c: BuildContext): Built => {
          if (shape.plainAccessDenied) c.account.knobs.plainAccessDenied = true;
          const user = developer(c, { extraInline: shape.callerMayAssume === false ? {} : { AssumeRoles: ASSUME_ROLE_POLICY } });
          ordersCluster(c, HOME_REGION);
          const keys = activeKey(c, user);
          const device = shape.role?.requireMfa ? c.world.addMfaDevice(user, '123456') : undefined;
          const role = shape.role
            ? c.world.addRole(c.account.id, `${name}-role`, {
                trustedPrincipals: shape.role.trustCaller ? [shape.callerMayAssume === false ? `arn:aws:iam::${c.account.id}:root` : user.arn] : [],
                attachedPolicyArns: [c.world.addManagedPolicy(c.account.id, `${name}-MemoryDB`, DEVELOPER_POLICY)],
                policies: { ManageOwnAccessKeys: OWN_KEYS_POLICY, ...shape.rolePolicies?.(`${name}-role`) },
                ...(shape.role.requireMfa ? { trustRequiresMfa: true } : {}),
                ...(shape.role.externalId ? { externalId: shape.role.externalId } : {}),
              })
            : undefined;
          const roleArn = role?.arn ?? `arn:aws:iam::${c.account.id}:role/${name}-role`;
          const extra = shape.config?.(roleArn) ?? {};
          if (extra.mfa_serial && device) extra.mfa_serial = device.serialNumber;
          return {
            entry: { description: shape.description, expectedRootCause: shape.expected, region: HOME_REGION },
            config: { role_arn: roleArn, source_profile: `${name}-source`, ...extra },
            sections: [
              { file: 'credentials', header: `${name}-source`, values: fileKeys(shape.sourceKeyUnknown ? { ...keys, accessKeyId: newIamId('AKIA') } : keys) },
              { file: 'config', header: `profile ${name}-source`, values: { region: HOME_REGION, endpoint_url: c.endpoint } },
            ],
          };
        },
      ] as const,
  );
}

/** Every preset name, in the order presets.json lists them. */
export const presetNames: readonly string[] = [...BUILDERS.map(([name]) => name), ...ssoPresetBuilders.map(([name]) => name)];

function iniSection(header: string, values: Record<string, string | undefined>): string {
  const lines = Object.entries(values).flatMap(([key, value]) => (value === undefined ? [] : [`${key} = ${value}`]));
  return `[${header}]\n${lines.join('\n')}\n`;
}

function sectionsText(sections: readonly Section[], file: Section['file']): string {
  return sections
    .filter((section) => section.file === file)
    .map((section) => iniSection(section.header, section.values))
    .join('\n');
}

/**
 * Builds the named presets (all by default) in `sim`'s world and writes `credentials`,
 * `config` and `presets.json` into `dir` (created if needed; files mode 0600). A preset
 * with files of its own gets them in `dir/<preset>/`.
 */
export async function writePresets(dir: string, sim: RunningSimulator, only?: string[]): Promise<PresetFolder> {
  const unknown = (only ?? []).filter((name) => !presetNames.includes(name));
  if (unknown.length > 0) throw new Error(`Unknown preset${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known: ${presetNames.join(', ')}.`);
  const selected = BUILDERS.filter(([name]) => only === undefined || only.includes(name));
  const now = Date.now();
  const shared: Section[] = [];
  const presets: PresetEntry[] = [];
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const credentialsFile = join(dir, 'credentials');
  const configFile = join(dir, 'config');
  for (const [name, build] of selected) {
    // Allocated where it is used, with no await in between: concurrent calls on one simulator get distinct accounts.
    const account = sim.world.addAccount(String(210_000_000_000 + sim.world.accounts.size));
    const presetDir = join(dir, name);
    mkdirSync(presetDir, { recursive: true, mode: 0o700 });
    const built = build({ world: sim.world, account, name, now, endpoint: sim.endpoint, dir: presetDir });
    const { profile = name, ...entry } = built.entry;
    const sections: Section[] = [...(built.sections ?? [])];
    if (!built.noProfile) {
      if (built.credentials) {
        sections.unshift({
          file: 'credentials',
          header: profile,
          values: {
            aws_access_key_id: built.credentials.accessKeyId,
            aws_secret_access_key: built.credentials.secretAccessKey,
            aws_session_token: built.credentials.sessionToken,
          },
        });
      }
      sections.unshift({
        file: 'config',
        header: profile === 'default' ? 'default' : `profile ${profile}`,
        values: { region: entry.region, endpoint_url: sim.endpoint, output: 'json', ...built.config },
      });
    }
    if (built.ownFiles) {
      const own = { credentials: join(presetDir, 'credentials'), config: join(presetDir, 'config') };
      await writeFile(own.credentials, sectionsText(sections, 'credentials'), { mode: 0o600 });
      await writeFile(own.config, sectionsText(sections, 'config'), { mode: 0o600 });
      entry.env = { AWS_SHARED_CREDENTIALS_FILE: own.credentials, AWS_CONFIG_FILE: own.config, ...entry.env };
    } else {
      shared.push(...sections);
    }
    const ownEnvironment = built.ownFiles || built.noProfile || entry.env !== undefined || entry.named === false;
    presets.push({ preset: name, profile, ...entry, ...(ownEnvironment ? { ownEnvironment: true as const } : {}) });
  }
  const ssoCaches: Record<string, unknown> = {};
  for (const [name, build] of ssoPresetBuilders.filter(([name]) => only === undefined || only.includes(name))) {
    const account = sim.world.addAccount(String(210_000_000_000 + sim.world.accounts.size));
    const addCluster = () => ordersCluster({ world: sim.world, account, name, now, endpoint: sim.endpoint, dir }, HOME_REGION);
    const built = build({ world: sim.world, sso: sim.sso, account, name, now, region: HOME_REGION, policy: DEVELOPER_POLICY, addCluster });
    presets.push({ preset: name, profile: name, description: built.description, expectedRootCause: built.expectedRootCause, region: built.region });
    shared.push(
      { file: 'config', header: `profile ${name}`, values: { ...built.profileSettings, region: built.region, endpoint_url: sim.endpoint, output: 'json' } },
      ...built.extraConfig.map((section) => ({ file: 'config' as const, ...section })),
    );
    Object.assign(ssoCaches, built.cacheFiles);
  }
  await writeSsoCaches(dir, ssoCaches);
  await writeFile(credentialsFile, sectionsText(shared, 'credentials'), { mode: 0o600 });
  await writeFile(configFile, sectionsText(shared, 'config'), { mode: 0o600 });
  await writeFile(join(dir, 'presets.json'), JSON.stringify({ endpoint: sim.endpoint, credentialsFile, configFile, presets }, null, 2) + '\n', { mode: 0o600 });
  return { dir, credentialsFile, configFile, presets };
}
