import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningSimulator } from './index';
import type { PolicyDocument } from './policy';
import { newIamId, newSecret, type SimAccount, type SimIamUser, type SimWorld } from './world';

/**
 * Scenario presets: each builds its own account and IAM user in the simulator's world and
 * writes a profile named after itself into a throwaway credentials + config pair whose
 * `endpoint_url` points at the simulator. `expectedRootCause` uses PRODUCT.md §4's cause ids.
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
}

/** The folder writePresets produced. */
export interface PresetFolder {
  dir: string;
  credentialsFile: string;
  configFile: string;
  presets: PresetEntry[];
}

interface Built {
  entry: Omit<PresetEntry, 'preset' | 'profile'>;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

interface BuildContext {
  world: SimWorld;
  account: SimAccount;
  name: string;
  now: number;
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

/** AWS's "ManageOwnAccessKeys" example plus the read calls the doctor makes (AWS-FACTS §4). */
const OWN_KEYS_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ManageOwnAccessKeys',
      Effect: 'Allow',
      Action: [
        'iam:CreateAccessKey',
        'iam:DeleteAccessKey',
        'iam:GetAccessKeyLastUsed',
        'iam:GetUser',
        'iam:ListAccessKeys',
        'iam:UpdateAccessKey',
        'iam:ListAttachedUserPolicies',
        'iam:ListUserPolicies',
        'iam:SimulatePrincipalPolicy',
      ],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    },
  ],
};

function developer(context: BuildContext, options: { memorydb?: PolicyDocument | null; extraInline?: Record<string, PolicyDocument> } = {}): SimIamUser {
  const { world, account, name } = context;
  const attached: string[] = [];
  if (options.memorydb !== null) attached.push(world.addManagedPolicy(account.id, 'MemoryDBDeveloper', options.memorydb ?? DEVELOPER_POLICY));
  return world.addUser(account.id, name, {
    createDate: new Date(context.now - 400 * DAY_MS),
    attachedPolicyArns: attached,
    policies: { ManageOwnAccessKeys: OWN_KEYS_POLICY, ...options.extraInline },
  });
}

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

function activeKey(context: BuildContext, user: SimIamUser, ageDays = 30): Built['credentials'] {
  const key = context.world.createAccessKey(user, { createDate: new Date(context.now - ageDays * DAY_MS) });
  key.lastUsed = { date: new Date(context.now - 2 * DAY_MS), serviceName: 'memorydb', region: HOME_REGION };
  return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
}

/** A plain working developer with the orders cluster at home. */
function working(context: BuildContext, region = HOME_REGION, clusterRegion = region): Built['credentials'] {
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
      // 10 minutes: inside STS's 15-minute window, outside MemoryDB's 5 (AWS-FACTS §7).
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
];

/** Every preset name, in the order presets.json lists them. */
export const presetNames: readonly string[] = BUILDERS.map(([name]) => name);

function iniSection(header: string, values: Record<string, string | undefined>): string {
  const lines = Object.entries(values).flatMap(([key, value]) => (value === undefined ? [] : [`${key} = ${value}`]));
  return `[${header}]\n${lines.join('\n')}\n`;
}

/**
 * Builds the named presets (all by default) in `sim`'s world and writes `credentials`,
 * `config` and `presets.json` into `dir` (created if needed; files mode 0600).
 */
export async function writePresets(dir: string, sim: RunningSimulator, only?: string[]): Promise<PresetFolder> {
  const unknown = (only ?? []).filter((name) => !presetNames.includes(name));
  if (unknown.length > 0) throw new Error(`Unknown preset${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known: ${presetNames.join(', ')}.`);
  const selected = BUILDERS.filter(([name]) => only === undefined || only.includes(name));
  const now = Date.now();
  const firstAccount = 210_000_000_000 + sim.world.accounts.size;
  const credentials: string[] = [];
  const config: string[] = [];
  const presets: PresetEntry[] = [];
  selected.forEach(([name, build], index) => {
    const account = sim.world.addAccount(String(firstAccount + index));
    const built = build({ world: sim.world, account, name, now });
    presets.push({ preset: name, profile: name, ...built.entry });
    credentials.push(
      iniSection(name, {
        aws_access_key_id: built.credentials.accessKeyId,
        aws_secret_access_key: built.credentials.secretAccessKey,
        aws_session_token: built.credentials.sessionToken,
      }),
    );
    config.push(iniSection(`profile ${name}`, { region: built.entry.region, endpoint_url: sim.endpoint, output: 'json' }));
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const credentialsFile = join(dir, 'credentials');
  const configFile = join(dir, 'config');
  await writeFile(credentialsFile, credentials.join('\n'), { mode: 0o600 });
  await writeFile(configFile, config.join('\n'), { mode: 0o600 });
  await writeFile(join(dir, 'presets.json'), JSON.stringify({ endpoint: sim.endpoint, credentialsFile, configFile, presets }, null, 2) + '\n', { mode: 0o600 });
  return { dir, credentialsFile, configFile, presets };
}
