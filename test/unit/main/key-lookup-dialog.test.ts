import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostEnvironment } from '../../../src/core/host';
import { newAccessKeyId, newSecret } from '../../../src/sim/world';
import type { ElectronMock } from '../../helpers/electron-mock';

// The handler asks through the Electron shell's own dialog, tested against the electron stand-in.
const electron = vi.hoisted(() => ({ current: null as ElectronMock | null }));
vi.mock('electron', async () => {
  const { createElectronMock } = await import('../../helpers/electron-mock');
  electron.current = createElectronMock();
  return electron.current;
});

const { electronShellPort } = await import('../../../src/main/electron-shell-port');
const { createDispatcher } = await import('../../../src/main/ipc/dispatcher');
const { createHandlers } = await import('../../../src/main/ipc/handlers');
const { JobRegistry } = await import('../../../src/main/ipc/jobs');

function mock(): ElectronMock {
  if (!electron.current) throw new Error('electron mock not installed');
  return electron.current;
}

let host: HostEnvironment;
let silent: Server;
let connections = 0;

beforeAll(async () => {
  // An endpoint that accepts and closes every connection: the other profile "does not work".
  silent = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as { port: number }).port;
  const home = await mkdtemp(join(tmpdir(), 'key-lookup-dialog-'));
  await mkdir(join(home, '.aws'));
  const account = '111122223333';
  const keys = (id: string) => `aws_access_key_id = ${id}\naws_secret_access_key = ${newSecret()}\n`;
  await writeFile(join(home, '.aws', 'credentials'), `[dev]\n${keys(newAccessKeyId('AKIA', account))}\n[admin]\n${keys(newAccessKeyId('AKIA', account))}`, {
    mode: 0o600,
  });
  await writeFile(join(home, '.aws', 'config'), `[profile admin]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:${port}\n`, { mode: 0o600 });
  host = { env: { HOME: home }, homeDir: home, platform: 'linux', appDataDir: join(home, 'app'), now: () => new Date() };
});

afterAll(async () => {
  await new Promise((resolve) => silent?.close(resolve));
});

async function call(payload: unknown) {
  const dispatch = createDispatcher(
    createHandlers({ host, identity: { name: 'test', version: '0' }, jobs: new JobRegistry(), shell: electronShellPort(() => null) }),
  );
  return dispatch('diagnosis:look-up-refused-key', payload, () => undefined);
}

describe("looking a refused key up: main's native dialog decides", () => {
  beforeEach(() => {
    mock().dialog.showMessageBox.mockReset();
    connections = 0;
  });

  it('names both profiles and the read-only calls; Cancel (the default) sends nothing', async () => {
    mock().dialog.showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false });
    expect(await call({ profile: 'dev', helperProfile: 'admin' })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(mock().dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Use the credentials of profile "admin" to look up, in IAM, the key AWS refused for profile "dev"?',
        detail: expect.stringMatching(
          /^It seems to be in the same account\. Read-only calls, made with admin's credentials: sts:GetCallerIdentity, sts:GetAccessKeyInfo/,
        ),
        buttons: ['Cancel', 'Look the key up'],
        defaultId: 0,
        cancelId: 0,
      }),
    );
    expect(connections).toBe(0);
  });

  it('yes, and the other profile does not answer: a sentence, not a crash', async () => {
    mock().dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    const result = await call({ profile: 'dev', helperProfile: 'admin' });
    expect(result).toMatchObject({
      ok: true,
      value: {
        outcome: 'helper-refused',
        cause: null,
        summary: expect.stringMatching(/^Profile "admin" could not reach STS at http:\/\/127\.0\.0\.1:\d+ \(from endpoint_url in \[profile admin\]/),
      },
    });
    expect(connections).toBeGreaterThan(0);
  }, 30_000);
});
