import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { HostEnvironment } from '../../../src/core/host';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index';
import { addSsoPerson } from '../../../src/sim/sso-setup';

export const startUrl = 'https://d-9067abc123.awsapps.com/start';
export const ssoRegion = 'eu-west-1';
export const accountId = '111122223333';
export const sessionName = 'my-sso';

const readOnly = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['memorydb:Describe*', 'memorydb:List*'], Resource: '*' }],
} as const;

/** A simulator with one IAM Identity Center person, and a home whose config has an sso-session profile and a legacy one. */
export interface SsoBench {
  sim: RunningSimulator;
  home: string;
  configFile: string;
  cacheDir: string;
  host(extraEnv?: Record<string, string>): HostEnvironment;
  close(): Promise<void>;
}

export async function startSsoBench(): Promise<SsoBench> {
  const sim = await startSimulator();
  addSsoPerson(sim.world, sim.sso, { startUrl, region: ssoRegion, accountId, roleName: 'Developer', policy: structuredClone(readOnly) as never });
  const home = await mkdtemp(join(tmpdir(), 'mdb-sso-'));
  await mkdir(join(home, '.aws'), { recursive: true });
  const configFile = join(home, '.aws', 'config');
  // Both SSO profiles sign in to the same account and role, and call the simulator.
  const roleAndEndpoint = [`sso_account_id = ${accountId}`, `sso_role_name = Developer`, `region = eu-west-1`, `endpoint_url = ${sim.endpoint}`];
  await writeFile(
    configFile,
    [
      `[profile session-dev]`,
      `sso_session = ${sessionName}`,
      ...roleAndEndpoint,
      ``,
      `[sso-session ${sessionName}]`,
      `sso_start_url = ${startUrl}`,
      `sso_region = ${ssoRegion}`,
      `sso_registration_scopes = sso:account:access`,
      ``,
      `[profile legacy-dev]`,
      `sso_start_url = ${startUrl}`,
      `sso_region = ${ssoRegion}`,
      ...roleAndEndpoint,
      ``,
      `[profile keys]`,
      `region = eu-west-1`,
      ``,
    ].join('\n'),
  );
  return {
    sim,
    home,
    configFile,
    cacheDir: join(home, '.aws', 'sso', 'cache'),
    host: (extraEnv = {}) => ({
      env: { HOME: home, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'), ...extraEnv },
      homeDir: home,
      platform: process.platform,
      appDataDir: join(home, 'app-data'),
      now: () => new Date(),
    }),
    async close() {
      await sim.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Plays the browser: opens the /authorize URL and follows the redirect to the loopback server. */
export async function browserVisit(url: string): Promise<number> {
  const first = await fetch(url, { redirect: 'manual' });
  const location = first.headers.get('location');
  if (first.status !== 302 || !location) return first.status;
  const back = await fetch(location);
  await back.text();
  return back.status;
}

/** Registers a bench for the test file: started once, and after each test the person's answer reset and the caches cleared. */
export function useSsoBench(): () => SsoBench {
  let bench: SsoBench | undefined;
  beforeAll(async () => {
    bench = await startSsoBench();
  });
  afterAll(async () => bench?.close());
  afterEach(async () => {
    bench!.sim.sso.decision = 'pending';
    await rm(join(bench!.home, '.aws', 'sso'), { recursive: true, force: true });
    await rm(join(bench!.home, '.aws', 'cli'), { recursive: true, force: true });
  });
  return () => bench!;
}
