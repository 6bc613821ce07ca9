import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { JobRegistry } from '../../../src/main/ipc/jobs';
import { headlessShell } from '../../../src/main/ipc/shell-port';
import type { Result } from '../../../src/shared/ipc/result';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

/**
 * The page treated as compromised: arbitrary script calling every channel with whatever it
 * likes. Nobody is at the desktop to agree to anything (main's dialogs answer no). Nothing it
 * sends may run a command, write a key the SDK runs or trusts, move a token, or rotate a key.
 */
let bench: PresetSim;
let listener: Server;
let listenerPort: number;
let connections = 0;
const shell = headlessShell({ answer: false });
const jobs = new JobRegistry();
let dispatch: ReturnType<typeof createDispatcher>;
let marker: string;

/** Every key the SDK executes or trusts, with a value a hostile page would want written. */
const trustedWrites: Record<string, (marker: string) => string> = {
  credential_process: (path) => `sh -c "touch ${path}"`,
  ca_bundle: () => '/tmp/evil-ca.pem',
  endpoint_url: () => 'http://127.0.0.1:1',
  role_arn: () => 'arn:aws:iam::123456789012:role/evil',
  source_profile: () => 'good',
  credential_source: () => 'Environment',
  sso_start_url: () => 'https://evil.example/start',
  sso_session: () => 'evil',
  web_identity_token_file: () => '/tmp/evil-token',
  mfa_serial: () => 'arn:aws:iam::123456789012:mfa/evil',
  external_id: () => 'evil',
  services: () => 'evil',
};

beforeAll(async () => {
  bench = await startPresetSim({}, ['good', 'connect-denied']);
  marker = join(bench.folder.dir, 'executed-marker');
  // A typo of credential_process the line scan proposes to rename: the core must not offer that rename to the page.
  await appendFile(bench.folder.configFile, `\n[profile typo]\ncredential_proces = sh -c "touch ${marker}"\nregion = eu-west-1\n`);
  listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerPort = (listener.address() as AddressInfo).port;
  const handlers = createHandlers({ host: bench.hostFor(bench.preset('good')), identity: { name: 'test', version: '0' }, jobs, shell });
  dispatch = createDispatcher(handlers);
});

afterAll(async () => {
  await jobs.settled();
  await new Promise<void>((resolve) => listener?.close(() => resolve()));
  await bench?.close();
});

async function call(channel: string, payload: unknown): Promise<Result<Record<string, unknown>>> {
  return (await dispatch(channel, payload, () => undefined)) as Result<Record<string, unknown>>;
}

async function fingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const path of [bench.folder.configFile, bench.folder.credentialsFile]) hash.update(await readFile(path));
  return hash.digest('hex');
}

describe('a compromised page cannot write keys the SDK runs or trusts', () => {
  it.each(Object.keys(trustedWrites))('refuses %s, as an explicit edit or a forged proposal id, and writes nothing', async (key) => {
    const before = await fingerprint();
    const value = trustedWrites[key]!(marker);
    for (const [profile, section] of [
      ['evil', 'profile evil'],
      ['good', 'profile good'],
    ] as const) {
      const fix = { kind: 'set-value', file: 'config', section, key, value };
      expect(await call('profiles:preview-fix', { profile, fix })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      expect(await call('profiles:apply-fix', { profile, fix, expectedHash: before })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      const fixId = `set-value:config:${profile}:${key}=${value}`;
      expect(await call('profiles:preview-fix', { profile, fixId })).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(await call('profiles:apply-fix', { profile, fixId, expectedHash: before })).toMatchObject({ ok: false, error: { code: 'refused' } });
    }
    expect(await fingerprint()).toBe(before);
    expect(await readFile(bench.folder.configFile, 'utf8')).not.toContain('[profile evil]');
  });

  it('is not offered the rename of a misspelt credential_process, so a diagnosis of that profile runs nothing', async () => {
    const before = await fingerprint();
    const detail = await call('profiles:get', { name: 'typo' });
    if (!detail.ok) throw new Error(detail.error.message);
    const typo = (detail.value.findings as Array<{ id: string; key: string; fix: unknown }>).find((finding) => finding.id === 'ini.key-typo')!;
    expect(typo.fix).toBeNull();
    expect(await call('profiles:apply-fix', { profile: 'typo', findingKey: typo.key, expectedHash: before })).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    expect(await fingerprint()).toBe(before);
    for (const profile of ['typo', 'evil']) {
      const started = await call('diagnosis:start', { profile });
      if (!started.ok) throw new Error(started.error.message);
      await jobs.settled(String(started.value.runId));
    }
    expect(existsSync(marker)).toBe(false);
  });
});

describe('a compromised page cannot move a token or use main to reach other hosts', () => {
  const cluster = { profile: 'connect-denied', cluster: 'orders' };

  it('refuses a sign-in test anywhere but the endpoint AWS reports, before connecting, whatever the secret', async () => {
    for (const secret of [{ kind: 'iam-token' }, { kind: 'password', password: 'page-typed' }, { kind: 'none' }]) {
      const elsewhere = await call('cluster:sign-in-test', { cluster, host: '127.0.0.1', port: listenerPort, tls: false, user: 'app-user', secret });
      expect(elsewhere).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('connects only to clustercfg.orders.') } });
    }
    const endpoint = await call('cluster:endpoint', cluster);
    if (!endpoint.ok) throw new Error(endpoint.error.message);
    const withoutTls = await call('cluster:sign-in-test', {
      cluster,
      host: String(endpoint.value.host),
      port: Number(endpoint.value.port),
      tls: false,
      user: 'app-user',
      secret: { kind: 'iam-token' },
    });
    expect(withoutTls).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('requires TLS') } });
    // The old request shape (host of the page's choosing, the cluster only inside the secret) is not accepted either.
    const oldShape = await call('cluster:sign-in-test', {
      host: '127.0.0.1',
      port: listenerPort,
      tls: false,
      user: 'app-user',
      secret: { kind: 'iam-token', profile: 'connect-denied', cluster: 'orders' },
    });
    expect(oldShape).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    // A connection of our own, made last, is the barrier: once it is counted, one the handlers had opened would be too.
    const own = connect(listenerPort, '127.0.0.1');
    own.on('error', () => undefined);
    await vi.waitFor(() => expect(connections).toBeGreaterThan(0));
    own.destroy();
    expect(connections).toBe(1);
  });

  it("never hands the page a whole token, and copies none on the page's word", async () => {
    // The old way to ask for the whole token is no part of the contract any more.
    const revealed = await call('cluster:token', { ...cluster, user: 'app-user', reveal: true });
    expect(revealed).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const copied = await call('cluster:copy-token', { ...cluster, user: 'app-user' });
    expect(copied).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(JSON.stringify([revealed, copied])).not.toContain('X-Amz-Signature=');
    expect(shell.asked.map((asked) => asked.title)).toContain('Copy the IAM token?');
    expect(shell.copied).toEqual([]);
  });
});

describe('a compromised page cannot rotate or delete a key', () => {
  it('starts no rotation and creates no key when the person did not agree in main', async () => {
    const entry = bench.preset('good');
    const keysBefore = [...bench.sim.world.keys.values()].map((key) => `${key.accessKeyId}:${key.status}`);
    expect(await call('rotation:start', { profile: entry.profile, deleteOld: 'now' })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(jobs.active('rotation')).toEqual([]);
    expect(await call('rotation:confirm', { runId: 'any-run', answer: true })).toMatchObject({ ok: true, value: { accepted: false } });
    expect([...bench.sim.world.keys.values()].map((key) => `${key.accessKeyId}:${key.status}`)).toEqual(keysBefore);
    expect(shell.asked.some((asked) => asked.title === `Rotate the access key of profile ${entry.profile}?`)).toBe(true);
  });
});
