import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../../src/core/diagnosis/diagnose';
import type { HostEnvironment } from '../../../../src/core/host';
import { profileFindingsProbe } from '../../../../src/core/probes/profile-findings';
import { renewProbe } from '../../../../src/core/probes/renew';
import { resolveCredentialsProbe } from '../../../../src/core/probes/resolve-credentials';

// The offline part of step 1 through the real SDK providers: no request leaves the machine.
const probes = [profileFindingsProbe, resolveCredentialsProbe, renewProbe];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mdb-doctor-chain-'));
  await writeFile(
    join(dir, 'credentials'),
    '[static]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
  );
  await writeFile(
    join(dir, 'config'),
    [
      '[profile static]\nregion = eu-west-1\n',
      '[profile broken-process]\nregion = eu-west-1\ncredential_process = node -e "process.exit(3)"\n',
      '[profile bad-json-process]\nregion = eu-west-1\ncredential_process = node -e "console.log(\'not json\')"\n',
      '[profile region-only]\nregion = eu-west-1\n',
      '[profile on-ec2]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/R\ncredential_source = Ec2InstanceMetadata\n',
    ].join('\n'),
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

async function chain(profile: string | undefined, env: Record<string, string> = {}) {
  const { report } = await diagnose(host(env), profile ? { profile } : {}, { probes });
  return report;
}

describe('the credential chain, link by link', () => {
  it('static keys answer from the shared files, after the environment link says why it was skipped', async () => {
    const report = await chain('static', { AWS_ACCESS_KEY_ID: 'AKIAI44QH8DHBEXAMPLE', AWS_SECRET_ACCESS_KEY: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' });
    const resolve = report.probes.find((probe) => probe.id === 'credentials.resolve')!;
    expect(resolve.status).toBe('pass');
    expect(resolve.evidence[0]).toMatchObject({ label: 'environment variables: no credentials', message: expect.stringContaining('profile was named') });
    expect(resolve.verdict).toContain('AKIA…MPLE');
    expect(report.target.credentialSource).toContain('shared files');
  });

  it('environment keys answer when no profile is named, as the SDK does', async () => {
    const report = await chain(undefined, { AWS_ACCESS_KEY_ID: 'AKIAI44QH8DHBEXAMPLE', AWS_SECRET_ACCESS_KEY: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' });
    expect(report.target.credentialSource).toBe('environment variables');
  });

  it('a failing credential_process is credentials.process-failed with the command as a fix', async () => {
    for (const profile of ['broken-process', 'bad-json-process']) {
      const report = await chain(profile);
      expect(report.rootCause, profile).toBe('credentials.process-failed');
      expect(report.causes[0]!.fixes[0]).toMatchObject({ kind: 'copy-command', command: expect.stringContaining('node -e') });
    }
  });

  it('a profile with no way to get credentials is credentials.unresolvable, each link saying why', async () => {
    const report = await chain('region-only', { AWS_EC2_METADATA_DISABLED: 'true' });
    expect(report.causes.map((cause) => cause.id)).toContain('credentials.unresolvable');
    const resolve = report.probes.find((probe) => probe.id === 'credentials.resolve')!;
    expect(resolve.evidence.map((item) => item.label)).toEqual([
      'environment variables: no credentials',
      'shared files, profile "region-only" (unknown): no credentials',
      'web identity token file: no credentials',
      'EC2 instance metadata: no credentials',
    ]);
    expect(resolve.evidence[3]!.message).toBe('Not asked: AWS_EC2_METADATA_DISABLED=true.');
  });

  it('a role whose credential_source is Ec2InstanceMetadata, off EC2, is credentials.no-instance-role', async () => {
    const report = await chain('on-ec2', { AWS_EC2_METADATA_DISABLED: 'true' });
    expect(report.rootCause).toBe('credentials.no-instance-role');
    expect(report.causes[0]!.summary).toContain('credential_source = Ec2InstanceMetadata');
  });

  it('container credentials from AWS_CONTAINER_CREDENTIALS_FULL_URI on 127.0.0.1 are used; a silent one is named', async () => {
    const { createServer } = await import('node:http');
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          AccessKeyId: 'ASIAIOSFODNN7EXAMPLE',
          SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          Token: 'token',
          Expiration: expiration,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const report = await chain(undefined, { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/creds`, AWS_PROFILE: 'nowhere-at-all' });
      const resolve = report.probes.find((probe) => probe.id === 'credentials.resolve')!;
      expect(resolve.evidence.map((item) => item.label)).toContain('container credentials (ECS/EKS): answered');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a profile that exists nowhere is profile.not-found', async () => {
    expect((await chain('nope')).rootCause).toBe('profile.not-found');
  });
});
