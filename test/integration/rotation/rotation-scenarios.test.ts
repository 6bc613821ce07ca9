import { appendFileSync } from 'node:fs';
import { appendFile, chmod, lstat, mkdir, readdir, readFile, rename, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyOfSection, readCredentialsFile } from '../../../src/core/rotation/file-keys';
import { journalDirFor } from '../../../src/core/rotation/journal';
import type { RotationProgress } from '../../../src/core/rotation/ports';
import { findUnfinishedRotations, recoverRotation } from '../../../src/core/rotation/recover';
import { runRotation } from '../../../src/core/rotation/rotate';
import { preflight } from '../../../src/core/rotation/preflight';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index';
import { checkInvariants, FaultInjector, journalsLeft, newCase, rotationDiedAt, testDeps, type RotationCase } from './harness';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ propagationDelayMs: 100 });
});
afterAll(async () => {
  await sim.stop();
});

const mutating = new Set(['CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey']);

function mutatingCalls(injector: FaultInjector): string[] {
  return injector.calls.filter((call) => mutating.has(call.operation)).map((call) => call.operation);
}

function secretOf(keyId: string): string {
  return sim.world.findKey(keyId)!.secretAccessKey;
}

async function heldKey(c: RotationCase, section = 'good'): Promise<string | null> {
  return keyOfSection(await readCredentialsFile(c.credentialsFile), section)?.keyId ?? null;
}

describe('two keys already present', () => {
  it('deletes an inactive second key only after explicit confirmation, then rotates', async () => {
    const c = await newCase(sim);
    const other = sim.world.createAccessKey(sim.world.findUser(c.accountId, c.userName)!, { status: 'Inactive' });
    c.keysBefore.push(other.accessKeyId);
    const asked: string[] = [];
    const result = await runRotation(testDeps(c, { confirm: (q) => (asked.push(q.kind), true) }), {
      profile: 'good',
      deleteOld: 'no',
      otherKeyAction: 'delete',
    });
    expect(result.outcome.result).toBe('rotated');
    expect(asked).toEqual(['confirm-delete-other-key']);
    expect(sim.world.findKey(other.accessKeyId)).toBeUndefined();
    expect((await checkInvariants(sim, c, result.cleanupCommands)).problems).toEqual([]);
  });

  it('stops, touching nothing, when the user does not choose to delete the inactive key (or declines the confirmation)', async () => {
    for (const [action, confirm] of [
      [undefined, true],
      ['delete', false],
    ] as const) {
      const c = await newCase(sim);
      const other = sim.world.createAccessKey(sim.world.findUser(c.accountId, c.userName)!, { status: 'Inactive' });
      const before = await readFile(c.credentialsFile);
      const injector = new FaultInjector();
      const result = await runRotation(testDeps(c, { injector, confirm: () => confirm }), { profile: 'good', deleteOld: 'no', otherKeyAction: action });
      expect(result.outcome.result).toBe('refused');
      expect(mutatingCalls(injector)).toEqual([]);
      expect(sim.world.findKey(other.accessKeyId)?.status).toBe('Inactive');
      expect(await readFile(c.credentialsFile)).toEqual(before);
    }
  });

  it('refuses when the other key is active, and explains', async () => {
    const c = await newCase(sim, 'two-keys-full');
    const before = await readFile(c.credentialsFile);
    const injector = new FaultInjector();
    const checked = await preflight(testDeps(c, { injector }), c.preset.profile, { askMfa: false });
    expect(checked.plan.refusal?.code).toBe('two-active-keys');
    expect(checked.plan.refusal?.instead).toMatch(/deactivate it/);
    const result = await runRotation(testDeps(c, { injector }), { profile: c.preset.profile, deleteOld: 'no', otherKeyAction: 'delete' });
    expect(result.outcome.result).toBe('refused');
    expect(mutatingCalls(injector)).toEqual([]);
    expect(await readFile(c.credentialsFile)).toEqual(before);
  });
});

describe('MFA required by policy', () => {
  it('asks for a code, does the IAM calls with a GetSessionToken session, and verifies with the new long-term key', async () => {
    const c = await newCase(sim, 'mfa-required');
    const mfa = c.preset.mfa!;
    await appendFile(c.configFile, `mfa_serial = ${mfa.serialNumber}\n`);
    const events: RotationProgress[] = [];
    let asked = 0;
    const injector = new FaultInjector();
    const deps = testDeps(c, { injector, events, mfaCode: () => (asked++, mfa.code) });
    const plan = await preflight(deps, c.preset.profile, { askMfa: false });
    expect(plan.plan.mfaRequired).toBe(true);
    expect(asked).toBe(0);
    const result = await runRotation(deps, { profile: c.preset.profile, deleteOld: 'no' });
    expect(result.outcome.result).toBe('rotated');
    // One code for the whole run: the session serves the old and the new key's IAM calls.
    expect(asked).toBe(1);
    expect(events.some((event) => event.state === 'awaiting-mfa')).toBe(true);
    const held = await heldKey(c, c.preset.profile);
    expect(sim.world.findKey(c.oldKeyId)?.status).toBe('Inactive');
    // IAM was called with session credentials (ASIA…), the verify step with the new long-term key.
    expect(injector.calls.filter((call) => call.operation === 'CreateAccessKey').every((call) => call.keyId.startsWith('ASIA'))).toBe(true);
    expect(injector.calls.some((call) => call.operation === 'GetCallerIdentity' && call.keyId === held)).toBe(true);
    expect((await checkInvariants(sim, c, result.cleanupCommands)).problems).toEqual([]);
  });

  it('asks for a second code when the first session is not honoured once the old key is inactive', async () => {
    const c = await newCase(sim, 'mfa-required');
    const mfa = c.preset.mfa!;
    await appendFile(c.configFile, `mfa_serial = ${mfa.serialNumber}\n`);
    let asked = 0;
    const injector = new FaultInjector();
    // As if AWS revoked sessions of a deactivated key: the first session fails after UpdateAccessKey.
    let deactivated = false;
    const deps = testDeps(c, { injector, mfaCode: () => (asked++, mfa.code) });
    const factory = deps.clients;
    deps.clients = {
      sts: factory.sts,
      iam: (target) => {
        const client = factory.iam(target);
        const keyId = (target.credentials as { accessKeyId: string }).accessKeyId;
        client.middlewareStack.add(
          (next, context) => async (args) => {
            if (deactivated && asked === 1 && keyId.startsWith('ASIA')) {
              throw Object.assign(new Error('The security token included in the request is invalid.'), {
                name: 'InvalidClientTokenId',
                $metadata: { httpStatusCode: 403 },
              });
            }
            const out = await next(args);
            if (context.commandName === 'UpdateAccessKeyCommand') deactivated = true;
            return out;
          },
          { step: 'initialize', name: 'revokeSessionOfInactiveKey' },
        );
        return client;
      },
    };
    const result = await runRotation(deps, { profile: c.preset.profile, deleteOld: 'now' });
    expect(result.outcome.result).toBe('rotated');
    expect(result.outcome.oldKeyState).toBe('deleted');
    expect(asked).toBe(2);
    expect((await checkInvariants(sim, c, result.cleanupCommands)).problems).toEqual([]);
  });

  it('stops cleanly when no code is given', async () => {
    const c = await newCase(sim, 'mfa-required');
    await appendFile(c.configFile, `mfa_serial = ${c.preset.mfa!.serialNumber}\n`);
    const injector = new FaultInjector();
    const result = await runRotation(testDeps(c, { injector, mfaCode: () => null }), { profile: c.preset.profile, deleteOld: 'no' });
    expect(result.outcome.result).toBe('refused');
    expect(mutatingCalls(injector)).toEqual([]);
    expect(await heldKey(c, c.preset.profile)).toBe(c.oldKeyId);
  });
});

describe('the credentials file', () => {
  it('rolls back when someone else edits the file mid-rotation, keeping their edit', async () => {
    const c = await newCase(sim);
    const injector = new FaultInjector();
    const gate = async (point: { step: string; moment: string }) => {
      if (point.step === 'write-file' && point.moment === 'before') await appendFile(c.credentialsFile, '\n# added by another tool\n');
    };
    const result = await runRotation(testDeps(c, { injector, gate }), { profile: 'good', deleteOld: 'no' });
    expect(result.outcome.result).toBe('rolled-back');
    expect(result.outcome.message).toMatch(/changed since it was read/);
    expect(await readFile(c.credentialsFile, 'utf8')).toContain('# added by another tool');
    expect(await heldKey(c)).toBe(c.oldKeyId);
    expect(sim.world.keysOf(c.userName, c.accountId).map((k) => k.accessKeyId)).toEqual([c.oldKeyId]);
    expect(await journalsLeft(c)).toBe(0);
  });

  it('refuses, before IAM is touched, when the file changed between the check and the first change', async () => {
    const c = await newCase(sim);
    const injector = new FaultInjector();
    const deps = testDeps(c, { injector });
    const emit = deps.emit;
    deps.emit = (progress) => {
      emit(progress);
      if (progress.state === 'creating-key') appendFileSync(c.credentialsFile, '\n# edited by hand\n');
    };
    const result = await runRotation(deps, { profile: 'good', deleteOld: 'no' });
    expect(result.outcome.result).toBe('refused');
    expect(result.outcome.message).toMatch(/changed since it was checked/);
    expect(mutatingCalls(injector)).toEqual([]);
    expect(await journalsLeft(c)).toBe(0);
  });

  it('refuses a read-only credentials file before touching anything', async () => {
    const c = await newCase(sim);
    await chmod(c.credentialsFile, 0o400);
    const injector = new FaultInjector();
    const result = await runRotation(testDeps(c, { injector }), { profile: 'good', deleteOld: 'no' });
    expect(result.outcome.result).toBe('refused');
    expect(result.outcome.message).toMatch(/read-only.*chmod 600/s);
    expect(injector.calls).toEqual([]);
    expect((await stat(c.credentialsFile)).mode & 0o777).toBe(0o400);
  });

  it('writes through a symlinked credentials file, keeping the link', async () => {
    const c = await newCase(sim);
    const realDir = join(c.dir, 'dotfiles');
    await mkdir(realDir);
    const real = join(realDir, 'aws-credentials');
    await rename(c.credentialsFile, real);
    await symlink(real, c.credentialsFile);
    const result = await runRotation(testDeps(c), { profile: 'good', deleteOld: 'no' });
    expect(result.outcome.result).toBe('rotated');
    expect((await lstat(c.credentialsFile)).isSymbolicLink()).toBe(true);
    const held = await heldKey(c);
    expect(held).not.toBe(c.oldKeyId);
    expect(await readFile(real, 'utf8')).toContain(held!);
    expect((await checkInvariants(sim, c, result.cleanupCommands)).problems).toEqual([]);
  });

  it('preserves CRLF, the BOM, comments, spacing and other profiles byte for byte, and updates profiles sharing the key', async () => {
    const c = await newCase(sim);
    const oldSecret = secretOf(c.oldKeyId);
    const text =
      '\uFEFF# my credentials; do not share\r\n' +
      '[other]\r\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\r\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n\r\n' +
      `[good]\r\n; rotated by hand last year\r\naws_access_key_id   =   ${c.oldKeyId}\r\naws_secret_access_key = ${oldSecret}  # keep me\r\nregion = eu-west-1\r\n\r\n` +
      `[good-alias]\r\naws_access_key_id = ${c.oldKeyId}\r\naws_secret_access_key = ${oldSecret}\r\n`;
    await writeFile(c.credentialsFile, text);
    const plan = await preflight(testDeps(c), 'good', { askMfa: false });
    expect(plan.plan.sharedWith).toEqual(['good-alias']);
    const result = await runRotation(testDeps(c), { profile: 'good', deleteOld: 'no' });
    expect(result.outcome.result).toBe('rotated');
    expect(result.outcome.updatedProfiles).toEqual(['good-alias']);
    const held = (await heldKey(c))!;
    const expected = text.split(c.oldKeyId).join(held).split(oldSecret).join(secretOf(held));
    expect(await readFile(c.credentialsFile, 'utf8')).toBe(expected);
    expect(await heldKey(c, 'good-alias')).toBe(held);
    expect((await checkInvariants(sim, c, result.cleanupCommands)).problems).toEqual([]);
  });
});

describe('profiles sharing the key', () => {
  it('leaves them alone when the user opts out', async () => {
    const c = await newCase(sim);
    await appendFile(c.credentialsFile, `\n[good-alias]\naws_access_key_id = ${c.oldKeyId}\naws_secret_access_key = ${secretOf(c.oldKeyId)}\n`);
    const result = await runRotation(testDeps(c), { profile: 'good', deleteOld: 'no', updateSharedProfiles: false });
    expect(result.outcome.result).toBe('rotated');
    expect(result.outcome.updatedProfiles).toEqual([]);
    expect(await heldKey(c, 'good-alias')).toBe(c.oldKeyId);
    expect(await heldKey(c)).not.toBe(c.oldKeyId);
  });
});

describe('refusals that touch nothing', () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'sso',
      '[profile sso-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n',
      /aws sso login/,
    ],
    ['assume-role', '[profile role-dev]\nrole_arn = arn:aws:iam::111122223333:role/Dev\nsource_profile = good\n', /source profile/],
    ['process', '[profile proc-dev]\ncredential_process = /usr/bin/false\n', /credential_process/],
  ];
  for (const [kind, config, instead] of cases) {
    it(`refuses a ${kind} profile and says what to do instead`, async () => {
      const c = await newCase(sim);
      await appendFile(c.configFile, `\n${config}`);
      const profile = /\[profile ([^\]]+)\]/.exec(config)![1]!;
      const injector = new FaultInjector();
      const result = await runRotation(testDeps(c, { injector }), { profile, deleteOld: 'no' });
      expect(result.outcome.result).toBe('refused');
      expect(result.outcome.message).toMatch(instead);
      expect(injector.calls).toEqual([]);
      expect(await journalsLeft(c)).toBe(0);
    });
  }

  it('refuses environment credentials', async () => {
    const c = await newCase(sim);
    const env = { ...c.host.env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    const injector = new FaultInjector();
    const deps = testDeps({ ...c, host: { ...c.host, env } }, { injector });
    const result = await runRotation(deps, { profile: '(environment)', deleteOld: 'no' });
    expect(result.outcome.result).toBe('refused');
    expect(result.outcome.message).toMatch(/environment variables/);
    expect(injector.calls).toEqual([]);
  });

  it('refuses a key that is not the caller’s', async () => {
    const c = await newCase(sim);
    const injector = new FaultInjector();
    const deps = testDeps(c, { injector });
    const factory = deps.clients;
    // An endpoint that lists another user's keys (a proxy, a mixed-up account): the key is not among them.
    deps.clients = {
      sts: factory.sts,
      iam: (target) => {
        const client = factory.iam(target);
        client.middlewareStack.add(
          (next) => async (args) => {
            const out = await next(args);
            const output = out.output as { AccessKeyMetadata?: Array<{ AccessKeyId?: string }> };
            if (output.AccessKeyMetadata) output.AccessKeyMetadata = output.AccessKeyMetadata.filter((key) => key.AccessKeyId !== c.oldKeyId);
            return out;
          },
          { step: 'initialize', name: 'otherUsersKeys' },
        );
        return client;
      },
    };
    const result = await runRotation(deps, { profile: 'good', deleteOld: 'no' });
    expect(result.outcome.result).toBe('refused');
    expect(result.outcome.message).toMatch(/not one of good's keys/);
    expect(mutatingCalls(injector)).toEqual([]);
  });
});

describe('journal, grace period and cancel', () => {
  it('journals key ids only, mode 0600, before the file is written', async () => {
    const c = await newCase(sim);
    await rotationDiedAt(c, { step: 'write-file', moment: 'after' });
    const dir = journalDirFor(c.host.appDataDir);
    const [name] = (await readdir(dir)).filter((entry) => entry.endsWith('.journal.json'));
    const path = join(dir, name!);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const journal = await readFile(path, 'utf8');
    const held = (await heldKey(c))!;
    expect(journal).toContain(held);
    expect(journal).not.toContain(secretOf(held));
    expect(journal).not.toContain(secretOf(c.oldKeyId));
    const [found] = await findUnfinishedRotations(c.host);
    expect(found?.phase).toBe('writing-file');
  });

  it('schedules the deletion after a grace period and offers it once due', async () => {
    const c = await newCase(sim);
    const result = await runRotation(testDeps(c), { profile: 'good', deleteOld: 'after-grace', graceDays: 0 });
    expect(result.outcome.oldKeyState).toBe('deletion-scheduled');
    const [pending] = await findUnfinishedRotations(c.host);
    expect(pending?.deletionDue).toBe(true);
    const done = await recoverRotation(testDeps(c), pending!.journalId, 'finish');
    expect(done.outcome.oldKeyState).toBe('deleted');
    expect(sim.world.findKey(c.oldKeyId)).toBeUndefined();
    expect(await journalsLeft(c)).toBe(0);
  });

  it('rolls back when the user cancels during verification', async () => {
    const c = await newCase(sim);
    sim.knobs.propagationDelayMs = 600;
    try {
      const controller = new AbortController();
      const events: RotationProgress[] = [];
      const deps = testDeps(c, { events, overrides: { signal: controller.signal } });
      const origEmit = deps.emit;
      deps.emit = (progress) => {
        origEmit(progress);
        if (progress.state === 'verifying') controller.abort(new Error('Cancelled by the user.'));
      };
      const result = await runRotation(deps, { profile: 'good', deleteOld: 'no' });
      expect(result.outcome.result).toBe('rolled-back');
      expect(await heldKey(c)).toBe(c.oldKeyId);
      expect(sim.world.keysOf(c.userName, c.accountId).map((k) => k.accessKeyId)).toEqual([c.oldKeyId]);
    } finally {
      sim.knobs.propagationDelayMs = 100;
    }
  });
});
