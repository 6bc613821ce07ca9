import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostEnvironment } from '../../../../src/core/host';
import { createHandlers } from '../../../../src/main/ipc/handlers';
import { JobRegistry } from '../../../../src/main/ipc/jobs';
import { headlessShell } from '../../../../src/main/ipc/shell-port';

describe('the demo mode', () => {
  it('points the app at the simulator presets, and back at the user’s own files when it ends', async () => {
    const home = await mkdtemp(join(tmpdir(), 'mdb-demo-home-'));
    const host: HostEnvironment = { env: { AWS_REGION: 'eu-west-1' }, homeDir: home, platform: 'linux', appDataDir: join(home, 'data'), now: () => new Date() };
    const handlers = createHandlers({ host, identity: { name: 'Doctor', version: '0' }, jobs: new JobRegistry(), shell: headlessShell() });
    const context = { emit: () => undefined };

    expect((await handlers.listProfiles({}, context)).profiles).toEqual([]);
    const started = await handlers.startDemo({}, context);
    expect(started.active).toBe(true);
    expect(started.presets.map((preset) => preset.preset)).toEqual(expect.arrayContaining(['good', 'bad-secret', 'wrong-region']));
    const listed = await handlers.listProfiles({}, context);
    expect(listed.profiles.map((profile) => profile.name)).toEqual(expect.arrayContaining(started.presets.map((preset) => preset.profile)));
    const demoConfig = listed.files.config;
    expect(demoConfig.startsWith(join(home, 'data'))).toBe(true);
    // The demo acts on a host of its own: the user's host is never changed.
    expect(host.env).toEqual({ AWS_REGION: 'eu-west-1' });

    const stopped = await handlers.stopDemo({}, context);
    expect(stopped).toEqual({ active: false, presets: [] });
    expect(host.env).toEqual({ AWS_REGION: 'eu-west-1' });
    expect(existsSync(demoConfig)).toBe(false);
    expect((await handlers.listProfiles({}, context)).profiles).toEqual([]);
  });
});
