import { fromSSO } from '@aws-sdk/credential-providers';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';
import type { HostEnvironment } from '../../../src/core/host';
import { captureIo } from '../../helpers/capture-io';
import { readSsoToken } from '../../../src/core/profiles/sso-cache';
import { signIn } from '../../../src/core/sso/sign-in';
import { accountId, browserVisit, sessionName, startUrl, type SsoBench, useSsoBench } from './sso-fixture';

const run = promisify(execFile);
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

const current = useSsoBench();
let bench: SsoBench;
beforeEach(() => {
  bench = current();
});

const liveIo = (host: HostEnvironment, onErr?: (text: string) => void) => captureIo(host, { onErr });

/** The AWS CLI installed here, with the bench's home and files and nothing of this machine's. */
async function awsCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run('aws', args, {
    env: {
      PATH: process.env.PATH,
      HOME: bench.home,
      AWS_CONFIG_FILE: bench.configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(bench.home, '.aws', 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...(process.env.PYENV_ROOT ? { PYENV_ROOT: process.env.PYENV_ROOT } : {}),
    },
  });
}

const assumedRole = new RegExp(`^arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_Developer_[0-9a-f]{16}/jane\\.doe$`);

describe('mdb-doctor sso login', () => {
  it('device code with --no-browser prints the URL and code, waits for the approval, and says until when', async () => {
    const io = liveIo(bench.host({ BROWSER: 'none' }), (text) => {
      const code = /\b([A-Z]{4}-[A-Z]{4})\b/.exec(text)?.[1];
      if (code) bench.sim.sso.approve(code);
    });
    const exit = await runCli(['sso', 'login', '--profile', 'legacy-dev', '--no-browser'], io);
    expect(io.err()).toContain(`${bench.sim.endpoint}/device`);
    expect(exit).toBe(0);
    expect(io.out()).toMatch(/^Profile legacy-dev: signed in, until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z\. Token cache: .*\.json\n$/);
    expect(io.out() + io.err()).not.toMatch(/aoa[A-Za-z0-9_-]{20}/);
  });

  it('PKCE through the browser opener: BROWSER gets the /authorize URL, the redirect comes back, --json reports the method', async () => {
    bench.sim.sso.decision = 'approve';
    const opener = join(bench.home, 'fake-browser.sh');
    const visits = join(bench.home, 'visits.txt');
    await writeFile(opener, `#!/bin/sh\necho "$1" >> "${visits}"\n`, { mode: 0o700 });
    const io = liveIo(bench.host({ BROWSER: opener }));
    const login = runCli(['sso', 'login', '--profile', 'session-dev', '--json'], io);
    let url = '';
    while (!url) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      url = (await readFile(visits, 'utf8').catch(() => '')).trim();
    }
    expect(await browserVisit(url)).toBe(200);
    expect(await login).toBe(0);
    const printed = JSON.parse(io.out()) as Record<string, unknown>;
    expect(printed).toMatchObject({ profile: 'session-dev', method: 'authorization-code', sessionName, startUrl });
    expect(JSON.stringify(printed)).not.toMatch(/accessToken|refreshToken|clientSecret/);
  });

  it('a denied sign-in exits 2 with the typed reason', async () => {
    const io = liveIo(bench.host({ BROWSER: 'none' }), (text) => {
      const code = /\b([A-Z]{4}-[A-Z]{4})\b/.exec(text)?.[1];
      if (code) bench.sim.sso.deny(code);
    });
    expect(await runCli(['sso', 'login', '--profile', 'legacy-dev'], io)).toBe(2);
    expect(io.err()).toContain('[denied]');
  });
});

describe('interoperability with the AWS CLI and the SDK', () => {
  async function signInSession(): Promise<void> {
    bench.sim.sso.decision = 'approve';
    await signIn({ host: bench.host(), profile: 'session-dev', onPrompt: (prompt) => void browserVisit(prompt.verificationUri) });
  }

  it('the installed AWS CLI (v1 with botocore, which resolves sso-session and legacy SSO profiles) resolves both profile shapes from our cache and gets role credentials from the simulator portal', async () => {
    await signInSession();
    const session = JSON.parse((await awsCli(['sts', 'get-caller-identity', '--profile', 'session-dev', '--output', 'json'])).stdout) as { Arn: string };
    expect(session.Arn).toMatch(assumedRole);
    await signIn({ host: bench.host(), profile: 'legacy-dev', onPrompt: (prompt) => bench.sim.sso.approve(prompt.userCode!), wait: async () => undefined });
    const legacy = JSON.parse((await awsCli(['sts', 'get-caller-identity', '--profile', 'legacy-dev', '--output', 'json'])).stdout) as { Arn: string };
    expect(legacy.Arn).toMatch(assumedRole);
    expect(bench.sim.requestLog.some((entry) => entry.operation === 'GetRoleCredentials' && /aws-cli|Botocore/i.test(entry.userAgent ?? ''))).toBe(true);
  });

  it("the SDK's own fromSSO provider reads our cache and gets the same role", async () => {
    await signInSession();
    const previousHome = process.env.HOME;
    process.env.HOME = bench.home;
    try {
      const credentials = fromSSO({
        profile: 'session-dev',
        configFilepath: bench.configFile,
        filepath: join(bench.home, '.aws', 'credentials'),
        clientConfig: { endpoint: bench.sim.endpoint },
      });
      const sts = new STSClient({ region: 'eu-west-1', endpoint: bench.sim.endpoint, credentials });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toMatch(assumedRole);
    } finally {
      process.env.HOME = previousHome;
    }
  });

  it('a token the AWS CLI refreshed and wrote itself is read by us: same fields, classified valid and refreshable, and no new sign-in is needed', async () => {
    await signInSession();
    const path = join(bench.cacheDir, `${sha1(sessionName)}.json`);
    const ours = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    // Ten minutes left: inside botocore's 15-minute refresh window, so the CLI refreshes and saves the token.
    await writeFile(path, JSON.stringify({ ...ours, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') }));
    await awsCli(['sts', 'get-caller-identity', '--profile', 'session-dev']);
    const theirs = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(theirs.accessToken).not.toBe(ours.accessToken);
    expect(Object.keys(theirs).sort()).toEqual(Object.keys(ours).sort());
    const state = await readSsoToken(bench.cacheDir, sessionName, new Date(), true);
    expect(state).toMatchObject({ status: 'valid', refreshable: true });
    const again = await signIn({ host: bench.host(), profile: 'session-dev', onPrompt: () => Promise.reject(new Error('must not ask')) });
    expect(again.method).toBe('cached');
  });
});
