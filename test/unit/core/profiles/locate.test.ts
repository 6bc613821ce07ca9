import { describe, expect, it } from 'vitest';
import type { HostEnvironment } from '../../../../src/core/host';
import { locateAwsFiles, sdkHomeDir } from '../../../../src/core/profiles/locate';

function host(env: Record<string, string>, platform: NodeJS.Platform = 'linux'): HostEnvironment {
  return { env, homeDir: platform === 'win32' ? 'C:\\Users\\os' : '/home/os', platform, appDataDir: '/tmp/app', now: () => new Date(0) };
}

describe('file discovery as SDK v3 does it', () => {
  it('takes HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH, then the OS home', () => {
    expect(sdkHomeDir(host({ HOME: '/h', USERPROFILE: 'C:\\u' }))).toBe('/h');
    expect(sdkHomeDir(host({ USERPROFILE: 'C:\\Users\\me' }, 'win32'))).toBe('C:\\Users\\me');
    expect(sdkHomeDir(host({ HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\me' }, 'win32'))).toBe('D:\\Users\\me');
    expect(sdkHomeDir(host({ HOMEPATH: '\\Users\\me' }, 'win32'))).toBe('C:\\\\Users\\me');
    expect(sdkHomeDir(host({}))).toBe('/home/os');
  });

  it('uses ~/.aws/credentials and ~/.aws/config, with Windows separators on Windows', () => {
    expect(locateAwsFiles(host({ HOME: '/h' }))).toEqual({
      credentials: '/h/.aws/credentials',
      config: '/h/.aws/config',
      ssoCacheDir: '/h/.aws/sso/cache',
      homeDir: '/h',
    });
    expect(locateAwsFiles(host({ USERPROFILE: 'C:\\Users\\me' }, 'win32')).credentials).toBe('C:\\Users\\me\\.aws\\credentials');
  });

  it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, expanding only a leading ~/', () => {
    const paths = locateAwsFiles(host({ HOME: '/h', AWS_SHARED_CREDENTIALS_FILE: '~/work/creds', AWS_CONFIG_FILE: '/etc/aws-config' }));
    expect(paths.credentials).toBe('/h/work/creds');
    expect(paths.config).toBe('/etc/aws-config');
    expect(locateAwsFiles(host({ HOME: '/h', AWS_CONFIG_FILE: '~user/config' })).config).toBe('~user/config');
    // An empty variable counts as unset, as `process.env[...] || default` does.
    expect(locateAwsFiles(host({ HOME: '/h', AWS_CONFIG_FILE: '' })).config).toBe('/h/.aws/config');
  });
});
