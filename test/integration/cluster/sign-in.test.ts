import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrubSecret, testSignIn, type SignInAttempt } from '../../../src/core/cluster/sign-in';
import { freePort } from '../../helpers/free-port';
import { startRedisServer, type RunningRedis } from '../../helpers/redis-server';

const password = 'right-password-0123456789';

// Users mirroring the simulator's cluster presets: app-user (good), the same user switched off
// (acl-user-disabled) and reporting, whose access string `~reports:* +@read` does not allow PING.
const users = [
  { name: 'app-user', rules: `on >${password} ~* &* +@all` },
  { name: 'disabled-user', rules: `off >${password} ~* &* +@all` },
  { name: 'reporting', rules: `on >${password} ~reports:* +@read` },
];

let redis: RunningRedis;

beforeAll(async () => {
  redis = await startRedisServer(users);
});

afterAll(async () => {
  await redis?.stop();
});

function attempt(overrides: Partial<SignInAttempt>): SignInAttempt {
  return { host: redis.host, port: redis.tlsPort, tls: true, ca: redis.ca, user: 'app-user', secret: password, timeoutMs: 3_000, ...overrides };
}

function expectNoSecret(result: unknown, secret: string) {
  expect(JSON.stringify(result)).not.toContain(secret);
}

describe('testSignIn against a real redis-server with TLS and ACL users', () => {
  it('signs in with the right password over TLS', async () => {
    const result = await testSignIn(attempt({}));
    expect(result.outcome).toBe('signed-in');
    expect(result.stages.map((stage) => `${stage.stage}:${stage.status}`)).toEqual(['connect:pass', 'tls:pass', 'auth:pass', 'command:pass']);
    expectNoSecret(result, password);
  });

  it('maps a wrong password to WRONGPASS and never echoes the attempt', async () => {
    const wrong = 'not-the-password-987654321';
    const result = await testSignIn(attempt({ secret: wrong }));
    expect(result.outcome).toBe('wrong-password');
    expect(result.serverReply).toMatch(/^WRONGPASS invalid username-password pair/);
    expect(result.stages.at(-1)).toMatchObject({ stage: 'auth', status: 'fail' });
    expectNoSecret(result, wrong);
  });

  it('maps a disabled user (access string off) to WRONGPASS, as MemoryDB answers', async () => {
    const result = await testSignIn(attempt({ user: 'disabled-user' }));
    expect(result.outcome).toBe('wrong-password');
    expect(result.hints.join(' ')).toMatch(/access string is off/);
  });

  it('maps a command the user may not run to NOPERM after a successful AUTH', async () => {
    const result = await testSignIn(attempt({ user: 'reporting' }));
    expect(result.outcome).toBe('no-permission');
    expect(result.stages.map((stage) => `${stage.stage}:${stage.status}`)).toEqual(['connect:pass', 'tls:pass', 'auth:pass', 'command:fail']);
    expect(result.serverReply).toMatch(/^NOPERM/);
  });

  it('maps a command sent without AUTH to NOAUTH', async () => {
    const result = await testSignIn(attempt({ secret: null }));
    expect(result.outcome).toBe('no-auth');
    expect(result.serverReply).toBe('NOAUTH Authentication required.');
  });

  it('says TLS is required when plain TCP meets the TLS port', async () => {
    const result = await testSignIn(attempt({ tls: false }));
    expect(result.outcome).toBe('tls-required');
    expectNoSecret(result, password);
  });

  it('says the handshake failed when TLS meets a plain port', async () => {
    const result = await testSignIn(attempt({ port: redis.port, timeoutMs: 1_500 }));
    expect(result.outcome).toBe('tls-handshake-failed');
  });

  it('names a certificate that does not match the expected server name', async () => {
    const result = await testSignIn(attempt({ serverName: 'clustercfg.orders.abc123.memorydb.eu-west-1.amazonaws.com' }));
    expect(result.outcome).toBe('tls-certificate');
    expect(result.hints.join(' ')).toMatch(/server name/);
  });

  it('says unreachable, with the VPC hint, when nothing listens', async () => {
    const result = await testSignIn(attempt({ port: await freePort() }));
    expect(result.outcome).toBe('unreachable');
    expect(result.hints.join(' ')).toMatch(/inside a VPC/);
  });
});

describe('scrubSecret', () => {
  it('masks every echo of the secret in a server reply', () => {
    expect(scrubSecret("ERR unknown command 'AUTHX', with args beginning with: 'app-user' 's3cret-value' 's3cret-value'", 's3cret-value')).toBe(
      "ERR unknown command 'AUTHX', with args beginning with: 'app-user' '***' '***'",
    );
    expect(scrubSecret('NOAUTH Authentication required.', null)).toBe('NOAUTH Authentication required.');
  });
});
