import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  type IAMClientConfig,
} from '@aws-sdk/client-iam';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/diagnosis/diagnose';
import { defaultProbes } from '../../../src/core/probes';
import type { DiagnosisReport } from '../../../src/shared/model/diagnosis';

/*
 * The policy reading checked against an independent implementation of IAM: moto (getmoto/moto),
 * whose access control answers AccessDenied in the plain wording ("… is not authorized to perform:
 * memorydb:DescribeClusters", no "explicit deny") and has no usable policy simulator — the setup
 * of issue 15 item 5. Skipped where Python's moto is not installed.
 */

const hasMoto = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
if (!hasMoto) console.warn('independent-iam.test.ts skipped: python3 has no moto.');

// A moto server on a port the system picks; it stops when its stdin closes.
const LAUNCHER = `
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address='127.0.0.1', port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
`;

interface Moto {
  endpoint: string;
  process: ChildProcessWithoutNullStreams;
}

let running: Moto | null = null;
let dir: string | null = null;

/** Starts moto with IAM enforcement from request number `setupCalls + 1` on (moto's INITIAL_NO_AUTH_ACTION_COUNT). */
async function startMoto(setupCalls: number): Promise<Moto> {
  const child = spawn('python3', ['-c', LAUNCHER], { env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: String(setupCalls) } });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`moto exited with ${code}`)));
  });
  running = { endpoint: `http://127.0.0.1:${port}`, process: child };
  return running;
}

afterEach(async () => {
  running?.process.stdin.end();
  running?.process.kill();
  running = null;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

const ALLOW = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['memorydb:Describe*', 'memorydb:List*', 'iam:Get*', 'iam:List*'], Resource: '*' }],
};
const DENY = { Version: '2012-10-17', Statement: [{ Sid: 'DenyMemoryDb', Effect: 'Deny', Action: 'memorydb:*', Resource: '*' }] };

/** Builds user alice with `setup` (every call counted, none retried), then diagnoses her profile against moto. */
async function diagnoseAlice(setupCalls: number, setup: (iam: IAMClient) => Promise<void>): Promise<DiagnosisReport> {
  const moto = await startMoto(setupCalls);
  const config: IAMClientConfig = {
    endpoint: moto.endpoint,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  };
  const iam = new IAMClient(config);
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  await setup(iam);
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
  dir = await mkdtemp(join(tmpdir(), 'mdb-moto-'));
  await writeFile(join(dir, 'credentials'), `[alice]\naws_access_key_id = ${AccessKey!.AccessKeyId}\naws_secret_access_key = ${AccessKey!.SecretAccessKey}\n`);
  await writeFile(join(dir, 'config'), `[profile alice]\nregion = eu-west-1\nendpoint_url = ${moto.endpoint}\n`);
  const host = {
    env: { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' },
    homeDir: dir,
    platform: process.platform,
    appDataDir: join(dir, 'app'),
    now: () => new Date(),
  };
  return (await diagnose(host, { profile: 'alice' }, { probes: defaultProbes })).report;
}

describe.skipIf(!hasMoto)('reading your own policies, against moto', () => {
  it('a Deny in an attached managed policy: named, with the command that prints it', async () => {
    const report = await diagnoseAlice(5, async (iam) => {
      await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'dev', PolicyDocument: JSON.stringify(ALLOW) }));
      const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'Guardrail', PolicyDocument: JSON.stringify(DENY) }));
      await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: Policy!.Arn! }));
    });
    const root = report.causes[0]!;
    expect(root.id).toBe('permissions.explicit-deny');
    expect(root.summary).toMatch(
      /^Statement "DenyMemoryDb" of the managed policy Guardrail \(version v1\) attached to user alice denies memorydb:DescribeClusters/,
    );
    expect(root.fixes[0]).toMatchObject({ command: 'aws iam get-policy-version --policy-arn arn:aws:iam::123456789012:policy/Guardrail --version-id v1' });
  }, 60_000);

  it("a Deny in a group's inline policy", async () => {
    const report = await diagnoseAlice(6, async (iam) => {
      await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'dev', PolicyDocument: JSON.stringify(ALLOW) }));
      await iam.send(new CreateGroupCommand({ GroupName: 'contractors' }));
      await iam.send(new AddUserToGroupCommand({ GroupName: 'contractors', UserName: 'alice' }));
      await iam.send(new PutGroupPolicyCommand({ GroupName: 'contractors', PolicyName: 'no-memorydb', PolicyDocument: JSON.stringify(DENY) }));
    });
    expect(report.causes[0]).toMatchObject({
      id: 'permissions.explicit-deny',
      summary: expect.stringMatching(/^Statement "DenyMemoryDb" of the inline policy no-memorydb on group contractors denies/),
    });
  }, 60_000);

  it('no Allow at all: the missing permission, after reading every policy', async () => {
    const report = await diagnoseAlice(3, async (iam) => {
      const readIam = { ...ALLOW, Statement: [{ ...ALLOW.Statement[0]!, Action: ['iam:Get*', 'iam:List*'] }] };
      await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'dev', PolicyDocument: JSON.stringify(readIam) }));
    });
    expect(report.causes[0]).toMatchObject({ id: 'permissions.missing', summary: expect.stringContaining('your one policy was read') });
  }, 60_000);
});
