import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher';
import { createClusterHandlers } from '../../../src/main/ipc/handlers/cluster-handlers';
import { scopeOf } from '../../../src/main/ipc/handlers';
import { JobRegistry } from '../../../src/main/ipc/jobs';
import { headlessShell } from '../../../src/main/ipc/shell-port';
import type { Result } from '../../../src/shared/ipc/result';
import { sampleHandlers } from '../../helpers/fake-handlers';
import { startRedisServer, type RunningRedis } from '../../helpers/redis-server';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

const password = 'handler-password-0123456789';
/** The person agrees to main's dialogs (copying a token). */
const shell = headlessShell({ answer: true });
let bench: PresetSim;
let redis: RunningRedis;
let dispatch: ReturnType<typeof createDispatcher>;

beforeAll(async () => {
  [bench, redis] = await Promise.all([startPresetSim({}, ['connect-denied']), startRedisServer([{ name: 'app-user', rules: `on >${password} ~* &* +@all` }])]);
  const host = bench.hostFor(bench.preset('connect-denied'));
  const handlers: Handlers = {
    ...sampleHandlers().handlers,
    ...createClusterHandlers(scopeOf({ host, identity: { name: 'test', version: '0' }, jobs: new JobRegistry(), shell })),
  };
  dispatch = createDispatcher(handlers);
});

afterAll(async () => {
  await Promise.all([bench?.close(), redis?.stop()]);
});

/** The cluster every sign-in test names. */
const orders = { profile: 'connect-denied', cluster: 'orders' };

/** Has the simulator report `orders` at a local server, without TLS (a real cluster's endpoint answers only in its VPC). */
function pointOrdersAt(address: string, port: number): void {
  const cluster = bench.sim.world.clusters.find((candidate) => candidate.name === 'orders')!;
  Object.assign(cluster, { address, port, tlsEnabled: false });
}

async function call(channel: string, payload: unknown): Promise<Result<Record<string, unknown>>> {
  return (await dispatch(channel, payload, () => undefined)) as Result<Record<string, unknown>>;
}

describe('cluster channels through the validated dispatcher', () => {
  it('gives the page the token masked only; a copy, once agreed, goes from main to the clipboard and the page learns where, not what', async () => {
    const masked = await call('cluster:token', { profile: 'connect-denied', cluster: 'orders', user: 'app-user' });
    expect(masked.ok).toBe(true);
    if (!masked.ok) return;
    expect(masked.value).toMatchObject({ cluster: 'orders', user: 'app-user', region: 'eu-west-1' });
    expect(String(masked.value.token)).toMatch(/^orders\/\?Action=connect&User=app-user&X-Amz-Credential=AKIA…\w{4}\/…&X-Amz-Signature=•+$/);
    expect(Date.parse(String(masked.value.expiresAt)) - Date.parse(String(masked.value.issuedAt))).toBe(900_000);
    expect(await call('cluster:token', { ...orders, user: 'app-user', reveal: true })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });

    const copied = await call('cluster:copy-token', { profile: 'connect-denied', cluster: 'orders', user: 'app-user' });
    expect(copied).toMatchObject({ ok: true, value: { deliveredTo: 'clipboard', cluster: 'orders', user: 'app-user', region: 'eu-west-1' } });
    expect(JSON.stringify(copied)).not.toContain('X-Amz-Signature');
    expect(shell.asked.map((asked) => asked.title)).toEqual(['Copy the IAM token?']);
    expect(shell.asked[0]!.message).toContain('put it on the clipboard (cleared after a minute)');
    const token = shell.copied.at(-1) ?? '';
    const params = new URLSearchParams(token.split('/?')[1]);
    expect(token.startsWith('orders/?')).toBe(true);
    expect(params.get('X-Amz-Credential')).toMatch(/^AKIA[A-Z0-9]{16}\/\d{8}\/eu-west-1\/memorydb\/aws4_request$/);
    expect(params.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('looks up the cluster endpoint and TLS setting', async () => {
    const result = await call('cluster:endpoint', { profile: 'connect-denied', cluster: 'orders' });
    expect(result).toMatchObject({
      ok: true,
      value: { cluster: 'orders', region: 'eu-west-1', port: 6379, tlsEnabled: true, engineVersion: '7.2', aclName: 'orders-acl' },
    });
    expect(await call('cluster:endpoint', { profile: 'connect-denied', cluster: 'payments' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses bad input with a clear message, before any work', async () => {
    expect(await call('cluster:token', { profile: 'connect-denied', cluster: 'orders; rm -rf /', user: 'app-user' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await call('cluster:token', { profile: 'connect-denied', cluster: 'orders', user: 'app-user', region: 'mars-1' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/not offered in "mars-1"/) },
    });
    expect(await call('cluster:token', { profile: 'nobody', cluster: 'orders', user: 'app-user', region: 'eu-west-1' })).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    expect(
      await call('cluster:sign-in-test', { cluster: orders, host: '127.0.0.1', port: 70_000, tls: true, user: 'app-user', secret: { kind: 'none' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
  });

  it('tests a password sign-in at the endpoint AWS reports for the cluster, and never sends the password back', async () => {
    pointOrdersAt('127.0.0.1', redis.port);
    const good = await call('cluster:sign-in-test', {
      cluster: orders,
      host: '127.0.0.1',
      port: redis.port,
      tls: false,
      user: 'app-user',
      secret: { kind: 'password', password },
    });
    expect(good).toMatchObject({ ok: true, value: { outcome: 'signed-in' } });
    const bad = await call('cluster:sign-in-test', {
      cluster: orders,
      host: '127.0.0.1',
      port: redis.port,
      tls: false,
      user: 'app-user',
      secret: { kind: 'password', password: `${password}-wrong` },
    });
    expect(bad).toMatchObject({ ok: true, value: { outcome: 'wrong-password' } });
    expect(JSON.stringify([good, bad])).not.toContain(password);
  });

  it('signs in with an IAM token made in main, which the answer never carries', async () => {
    pointOrdersAt('127.0.0.1', redis.port);
    const result = await call('cluster:sign-in-test', {
      cluster: orders,
      host: '127.0.0.1',
      port: redis.port,
      tls: false,
      user: 'app-user',
      secret: { kind: 'iam-token' },
    });
    // redis-server knows no IAM, so the token is a wrong password to it: what matters is that it was sent and not returned.
    expect(result).toMatchObject({ ok: true, value: { outcome: 'wrong-password' } });
    expect(JSON.stringify(result)).not.toMatch(/X-Amz-Signature/);
  });
});
