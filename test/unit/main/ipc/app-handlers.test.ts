import { describe, expect, it } from 'vitest';
import { createActiveHost } from '../../../../src/main/ipc/handlers/active-host';
import { createAppHandlers } from '../../../../src/main/ipc/handlers/app-handlers';
import { headlessShell } from '../../../../src/main/ipc/shell-port';
import type { HostEnvironment } from '../../../../src/core/host';

const host: HostEnvironment = { env: {}, homeDir: '/nowhere', platform: 'linux', appDataDir: '/nowhere/data', now: () => new Date(0) };

describe('the app handlers', () => {
  it('copies text through the shell', async () => {
    const shell = headlessShell();
    const handlers = createAppHandlers(createActiveHost(host), { name: 'Doctor', version: '1.2.3' }, shell);
    expect(await handlers.copyText({ text: 'aws sso login --profile dev' })).toEqual({ copied: true });
    expect(shell.copied).toEqual(['aws sso login --profile dev']);
  });

  it('opens AWS console pages and refuses any other URL', async () => {
    const shell = headlessShell();
    const handlers = createAppHandlers(createActiveHost(host), { name: 'Doctor', version: '1.2.3' }, shell);
    await handlers.openExternal({ url: 'https://console.aws.amazon.com/iam/home#/users' });
    await expect(handlers.openExternal({ url: 'https://evil.example/phish' })).rejects.toMatchObject({ code: 'refused' });
    await expect(handlers.openExternal({ url: 'https://user:pw@console.aws.amazon.com/' })).rejects.toMatchObject({ code: 'refused' });
    expect(shell.opened).toEqual(['https://console.aws.amazon.com/iam/home#/users']);
  });
});
