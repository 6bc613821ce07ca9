import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemoSession } from '../../../src/demo/demo-session';
import { startPresetSession, UnknownPresetError } from '../../../src/demo/preset-session';
import type { HostEnvironment } from '../../../src/core/host';

describe('the one preset session', () => {
  it('refuses an unknown preset before starting anything, and names the known ones', async () => {
    const parentDir = await mkdtemp(join(tmpdir(), 'mdb-session-'));
    const refused = startPresetSession({ only: ['good', 'no-such-preset'], parentDir });
    await expect(refused).rejects.toBeInstanceOf(UnknownPresetError);
    await expect(refused).rejects.toThrow(/no-such-preset.*Known: good/);
    expect(await readdir(parentDir)).toEqual([]);
  });

  it('writes the presets with their sign-in method, and close removes every file', async () => {
    const session = await startPresetSession({ only: ['good', 'acl-wrong-auth-type'], copies: 2 });
    expect(session.folders).toHaveLength(2);
    expect(session.preset('acl-wrong-auth-type').signIn).toBe('password');
    expect(session.hostFor(session.preset('good')).env.AWS_CONFIG_FILE).toBe(session.folder.configFile);
    await session.close();
    expect(existsSync(session.folder.configFile)).toBe(false);
  });

  it('the desktop demo gives a new host and leaves the user’s untouched', async () => {
    const home = await mkdtemp(join(tmpdir(), 'mdb-demo-user-'));
    const user: HostEnvironment = { env: { AWS_REGION: 'eu-west-1' }, homeDir: home, platform: 'linux', appDataDir: join(home, 'data'), now: () => new Date() };
    const demo = await startDemoSession(user.appDataDir);
    try {
      const host = demo.hostFor(user);
      expect(host).not.toBe(user);
      expect(host.env).toMatchObject({ AWS_REGION: 'eu-west-1', AWS_PROFILE: demo.presets[0]!.profile });
      expect(host.env.AWS_CONFIG_FILE?.startsWith(user.appDataDir)).toBe(true);
      expect(user.env).toEqual({ AWS_REGION: 'eu-west-1' });
    } finally {
      await demo.stop();
    }
    expect(await readdir(user.appDataDir)).toEqual([]);
  });
});
