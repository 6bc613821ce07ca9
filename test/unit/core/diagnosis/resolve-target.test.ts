import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../../src/core/diagnosis/diagnose';
import type { HostEnvironment } from '../../../../src/core/host';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mdb-doctor-target-'));
  await writeFile(
    join(dir, 'credentials'),
    '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
  );
  await writeFile(
    join(dir, 'config'),
    '[profile dev]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:4566\nuse_fips_endpoint = true\nservices = local\n\n[services local]\nmemorydb =\n  endpoint_url = http://127.0.0.1:9999\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function host(env: Record<string, string> = {}): HostEnvironment {
  return {
    env: { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), ...env },
    homeDir: dir,
    platform: 'linux',
    appDataDir: join(dir, 'app'),
    now: () => new Date(),
  };
}

describe('resolveTarget', () => {
  it('takes the region from the profile with its file and line, the endpoints from endpoint_url and the services section', async () => {
    const target = await resolveTarget(host(), { profile: 'dev' });
    expect(target.region).toBe('eu-west-1');
    expect(target.regionSource).toBe(`${join(dir, 'config')}:2`);
    expect(target.endpoints).toEqual({
      sts: 'http://127.0.0.1:4566',
      iam: 'http://127.0.0.1:4566',
      memorydb: 'http://127.0.0.1:9999',
      account: 'http://127.0.0.1:4566',
    });
    expect(target.transport).toMatchObject({ useFipsEndpoint: true, useDualstackEndpoint: false });
  });

  it('lets --region win, then AWS_REGION; AWS_ENDPOINT_URL_STS wins for STS only', async () => {
    expect((await resolveTarget(host({ AWS_REGION: 'us-east-2' }), { profile: 'dev' })).regionSource).toBe('AWS_REGION');
    const flagged = await resolveTarget(host({ AWS_REGION: 'us-east-2', AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1111' }), {
      profile: 'dev',
      region: 'ap-south-1',
    });
    expect(flagged).toMatchObject({ region: 'ap-south-1', regionSource: 'the --region option' });
    expect(flagged.endpoints.sts).toBe('http://127.0.0.1:1111');
    expect(flagged.endpoints.iam).toBe('http://127.0.0.1:4566');
  });

  it('falls back to AWS_DEFAULT_REGION, saying only the AWS CLI reads it', async () => {
    const target = await resolveTarget(host({ AWS_DEFAULT_REGION: 'us-west-2' }), { profile: 'missing' });
    expect(target).toMatchObject({ region: 'us-west-2', regionSource: expect.stringContaining('AWS_DEFAULT_REGION') });
    expect(target.profile.exists).toBe(false);
  });
});
