import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PolicyDocument } from './policy';
import type { SsoDirectory } from './sso-directory';
import { addSsoPerson } from './sso-setup';
import type { SimAccount, SimWorld } from './world';

/**
 * IAM Identity Center presets (never signed in is `sso-never-signed-in` in presets.ts): each builds a person with a permission set in its own account,
 * writes an SSO profile (sso-session or legacy) and, where the scenario has one, the token the
 * AWS CLI would have cached under the preset's home (`<dir>/.aws/sso/cache`, the HOME the
 * preset host uses).
 */

/** What the generic preset writer needs from an SSO preset. */
export interface SsoBuilt {
  description: string;
  expectedRootCause: string | null;
  region: string;
  /** Keys of `[profile NAME]` besides region, endpoint_url and output. */
  profileSettings: Record<string, string>;
  /** Extra config sections (an `[sso-session ...]`). */
  extraConfig: Array<{ header: string; values: Record<string, string> }>;
  /** Token cache files to write, by file name. */
  cacheFiles: Record<string, unknown>;
}

/** What an SSO preset builder gets. */
export interface SsoBuildContext {
  world: SimWorld;
  sso: SsoDirectory;
  account: SimAccount;
  name: string;
  now: number;
  region: string;
  policy: PolicyDocument;
  /** Builds the standard cluster in the account (the preset writer's own helper). */
  addCluster(): void;
}

const ROLE = 'MemoryDBDeveloper';
const HOUR_MS = 3_600_000;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const cacheTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function person(c: SsoBuildContext): string {
  const startUrl = `https://d-${c.account.id.slice(-10)}.awsapps.com/start`;
  addSsoPerson(c.world, c.sso, { startUrl, region: c.region, accountId: c.account.id, roleName: ROLE, policy: c.policy });
  c.addCluster();
  return startUrl;
}

function session(c: SsoBuildContext, startUrl: string, region = c.region): { header: string; values: Record<string, string> } {
  return { header: `sso-session ${c.name}`, values: { sso_start_url: startUrl, sso_region: region, sso_registration_scopes: 'sso:account:access' } };
}

/**
 * A token as `aws sso login` caches it: with its client registration, and a refresh token for
 * sso-session sign-ins (legacy device-code sign-ins get none).
 */
function cachedToken(c: SsoBuildContext, startUrl: string, expiresAt: number, kind: 'session' | 'legacy'): Record<string, string> {
  const client =
    kind === 'session'
      ? c.sso.registerClient({
          grantTypes: ['authorization_code', 'refresh_token'],
          redirectUris: ['http://127.0.0.1/oauth/callback'],
          scopes: ['sso:account:access'],
          issuerUrl: startUrl,
        })
      : c.sso.registerClient({ grantTypes: [], redirectUris: [], scopes: [], issuerUrl: null });
  return {
    startUrl,
    region: c.region,
    accessToken: c.sso.mintAccessToken(startUrl, c.region, expiresAt),
    expiresAt: cacheTime(expiresAt),
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    registrationExpiresAt: cacheTime(client.expiresAt * 1000),
    ...(kind === 'session' ? { refreshToken: c.sso.mintRefreshToken(client, startUrl) } : {}),
  };
}

const sessionProfile = (c: SsoBuildContext, role = ROLE) => ({ sso_session: c.name, sso_account_id: c.account.id, sso_role_name: role });

/** An sso-session preset whose cache holds a token from an earlier sign-in; the config may since have changed. */
function signedInSession(
  c: SsoBuildContext,
  scenario: {
    description: string;
    expectedRootCause: string | null;
    expiresInMs: number;
    role?: string;
    configuredUrl?: (real: string) => string;
    configuredRegion?: string;
  },
): SsoBuilt {
  const startUrl = person(c);
  return {
    description: scenario.description,
    expectedRootCause: scenario.expectedRootCause,
    region: c.region,
    profileSettings: sessionProfile(c, scenario.role),
    extraConfig: [session(c, scenario.configuredUrl?.(startUrl) ?? startUrl, scenario.configuredRegion)],
    cacheFiles: { [`${sha1(c.name)}.json`]: cachedToken(c, startUrl, c.now + scenario.expiresInMs, 'session') },
  };
}

/** The SSO presets, in the order presets.json lists them. */
export const ssoPresetBuilders: ReadonlyArray<readonly [string, (c: SsoBuildContext) => SsoBuilt]> = [
  [
    'sso-expired',
    (c) => {
      const startUrl = person(c);
      // A legacy profile (sso_start_url in the profile): its device-code token carries no refresh token.
      const token = cachedToken(c, startUrl, c.now - 2 * HOUR_MS, 'legacy');

      return {
        description: 'A legacy SSO profile whose cached token expired two hours ago; it has no refresh token, so only a new sign-in helps.',
        expectedRootCause: 'credentials.sso-expired',
        region: c.region,
        profileSettings: { sso_start_url: startUrl, sso_region: c.region, sso_account_id: c.account.id, sso_role_name: ROLE },
        extraConfig: [],
        cacheFiles: { [`${sha1(startUrl)}.json`]: token },
      };
    },
  ],
  [
    'sso-refresh',
    (c) =>
      signedInSession(c, {
        description: 'The access token expired an hour ago, but the cache holds a refresh token: the SDK (and the doctor) renew it without asking.',
        expectedRootCause: null,
        expiresInMs: -HOUR_MS,
      }),
  ],
  [
    'sso-wrong-start-url',
    (c) =>
      signedInSession(c, {
        description: 'The sso-session signed in at the right start URL, then sso_start_url was edited to a typo (…/strat).',
        expectedRootCause: 'credentials.sso-mismatch',
        expiresInMs: 8 * HOUR_MS,
        configuredUrl: (real) => real.replace(/start$/, 'strat'),
      }),
  ],
  [
    'sso-wrong-region',
    (c) =>
      signedInSession(c, {
        description: 'IAM Identity Center lives in eu-west-1, where the session signed in, but the sso-session now says sso_region = us-east-1.',
        expectedRootCause: 'credentials.sso-mismatch',
        expiresInMs: 8 * HOUR_MS,
        configuredRegion: 'us-east-1',
      }),
  ],
  [
    'sso-role-not-assigned',
    (c) =>
      signedInSession(c, {
        description: `Signed in, but sso_role_name = AdministratorAccess is not assigned to the user in the account (only ${ROLE} is).`,
        expectedRootCause: 'credentials.sso-role-unassigned',
        expiresInMs: 8 * HOUR_MS,
        role: 'AdministratorAccess',
      }),
  ],
];

/** Writes the presets' token caches under `<dir>/.aws/sso/cache` (mode 0600, as the AWS CLI does). */
export async function writeSsoCaches(dir: string, files: Record<string, unknown>): Promise<void> {
  const names = Object.keys(files);
  if (names.length === 0) return;
  const cacheDir = join(dir, '.aws', 'sso', 'cache');
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  for (const name of names) await writeFile(join(cacheDir, name), JSON.stringify(files[name]), { mode: 0o600 });
}
