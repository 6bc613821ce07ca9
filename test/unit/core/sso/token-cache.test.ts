import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCacheTime, registrationCacheKey, tokenCacheKey, writeCacheEntry } from '../../../../src/core/sso/token-cache';

// Expected keys computed with CPython: hashlib.sha1(json.dumps(args, sort_keys=True).encode('utf-8')).hexdigest(),
// the way botocore's _registration_cache_key does, and sha1 of the session name for tokens.
describe('the AWS CLI v2 SSO cache names', () => {
  it('names a token file by sha1 of the sso-session name, or of the start URL for legacy profiles', () => {
    expect(tokenCacheKey('https://d-9067abc123.awsapps.com/start', 'my-sso')).toBe('0ad374308c5a4e22f723adf10145eafad7c4031c');
    expect(tokenCacheKey('https://d-9067abc123.awsapps.com/start', null)).not.toBe(tokenCacheKey('https://d-9067abc123.awsapps.com/start', 'my-sso'));
  });

  it.each([
    [{ startUrl: 'https://d-9067abc123.awsapps.com/start', region: 'eu-west-1', scopes: null, sessionName: null }, 'ee9dedfc705b98a682e51caf4886b3ff738bc988'],
    [
      {
        startUrl: 'https://d-9067abc123.awsapps.com/start',
        region: 'eu-west-1',
        scopes: ['sso:account:access', 'codewhisperer:completions'],
        sessionName: 'my-sso',
      },
      '0d4045e83ac20215743e9bd672a0e159e6906a01',
    ],
    [{ startUrl: 'https://ex.awsapps.com/start', region: 'us-east-1', scopes: null, sessionName: 'café' }, '311dd5b7dd21f512f7887a76b6c11e01c056728f'],
  ])('names a client registration as botocore does (%#)', (input, expected) => {
    expect(registrationCacheKey(input)).toBe(expected);
  });

  it('writes times as YYYY-MM-DDTHH:MM:SSZ and files 0600, replacing them without leaving temp files', async () => {
    expect(formatCacheTime(new Date('2026-03-01T08:09:10.987Z'))).toBe('2026-03-01T08:09:10Z');
    const dir = await mkdtemp(join(tmpdir(), 'mdb-sso-cache-'));
    try {
      const cacheDir = join(dir, 'sso', 'cache');
      const value = { startUrl: 'u', region: 'r', accessToken: 'a', expiresAt: '2026-03-01T08:09:10Z' };
      await writeCacheEntry(cacheDir, 'k', value);
      const path = await writeCacheEntry(cacheDir, 'k', { ...value, accessToken: 'b' });
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ ...value, accessToken: 'b' });
      expect(await readdir(cacheDir)).toEqual(['k.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
