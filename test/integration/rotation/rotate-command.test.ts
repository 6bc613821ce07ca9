import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRotateCommand } from '../../../src/cli/commands/rotate';
import { UsageError, type CliIo } from '../../../src/cli/io';
import { keyOfSection, readCredentialsFile } from '../../../src/core/rotation/file-keys';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index';
import { newCase, rotationDiedAt, type RotationCase } from './harness';

let sim: RunningSimulator;
beforeAll(async () => {
  // No propagation delay: the command uses the product's own (longer) backoff.
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.stop();
});

function io(c: RotationCase): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text) => void out.push(text), isTTY: false },
    stderr: { write: (text) => void err.push(text), isTTY: false },
    host: c.host,
    signal: new AbortController().signal,
    stopSignal: new Promise(() => undefined),
    cwd: c.dir,
  };
}

describe('mdb-doctor rotate', () => {
  it('rotates with --delete-old --yes and prints the masked new key, exit 0', async () => {
    const c = await newCase(sim);
    const cli = io(c);
    const code = await createRotateCommand(async () => null).run(['--profile', 'good', '--delete-old', '--yes'], cli);
    expect(code).toBe(0);
    const held = keyOfSection(await readCredentialsFile(c.credentialsFile), 'good')!.keyId;
    expect(cli.out.join('')).toContain(`New key: ${held.slice(0, 4)}…${held.slice(-4)}`);
    expect(cli.out.join('')).not.toContain(held);
    expect(cli.out.join('')).toMatch(/^Old key deleted: AKIA…\w{4}$/m);
    expect(sim.world.findKey(c.oldKeyId)).toBeUndefined();
  });

  it('without a terminal and without --yes, keeps the old key (answers no) and says how to agree', async () => {
    const c = await newCase(sim);
    const cli = io(c);
    const code = await createRotateCommand(async () => null).run(['--profile', 'good', '--delete-old'], cli);
    expect(code).toBe(0);
    expect(cli.err.join('')).toMatch(/pass --yes/);
    expect(cli.err.join('')).toMatch(/Kept the old key AKIA…\w{4}, inactive: you answered no/);
    expect(cli.out.join('')).toMatch(/^Old key kept, inactive: AKIA…\w{4}$/m);
    expect(sim.world.findKey(c.oldKeyId)?.status).toBe('Inactive');
  });

  it('says the old key was kept, inactive, when that was the choice, and never that it is being deleted', async () => {
    const c = await newCase(sim);
    const cli = io(c);
    const code = await createRotateCommand(async () => null).run(['--profile', 'good', '--keep-old'], cli);
    expect(code).toBe(0);
    const masked = `${c.oldKeyId.slice(0, 4)}…${c.oldKeyId.slice(-4)}`;
    expect(cli.err.join('')).toContain(`Keeping the old key ${masked}, inactive, as you chose.`);
    expect(cli.err.join('')).not.toMatch(/delet/i);
    expect(cli.out.join('')).toContain(`Old key kept, inactive: ${masked}`);
    expect(sim.world.findKey(c.oldKeyId)?.status).toBe('Inactive');
  });

  it('names a scheduled deletion as scheduled', async () => {
    const c = await newCase(sim);
    const cli = io(c);
    expect(await createRotateCommand(async () => null).run(['--profile', 'good', '--grace-days', '3'], cli)).toBe(0);
    expect(cli.out.join('')).toMatch(/^Old key inactive, its deletion scheduled: AKIA…\w{4}$/m);
  });

  it('asks on the terminal and obeys the answer', async () => {
    const c = await newCase(sim);
    const asked: string[] = [];
    const code = await createRotateCommand(async (question) => (asked.push(question), 'y')).run(['--profile', 'good', '--delete-old'], io(c));
    expect(code).toBe(0);
    expect(asked[0]).toMatch(/Delete the old key/);
    expect(sim.world.findKey(c.oldKeyId)).toBeUndefined();
  });

  it('refuses bad arguments with a usage error', async () => {
    const c = await newCase(sim);
    const cli = io(c);
    const command = createRotateCommand(async () => null);
    await expect(command.run([], cli)).rejects.toThrow(UsageError);
    await expect(command.run(['--profile', 'good', '--delete-old', '--keep-old'], cli)).rejects.toThrow(/Choose one/);
    await expect(command.run(['--profile', 'good', '--grace-days', 'soon'], cli)).rejects.toThrow(/whole number/);
    await expect(command.run(['--profile', 'good', '--mfa-code', '12'], cli)).rejects.toThrow(/six digits/);
  });

  it('exits 1 with the reason for a refused profile', async () => {
    const c = await newCase(sim);
    const cli = io(c);
    expect(await createRotateCommand(async () => null).run(['--profile', 'nope'], cli)).toBe(1);
    expect(cli.out.join('')).toMatch(/no profile named "nope"/);
  });

  it('lists an interrupted rotation with --recover and undoes it with --undo, deleting the lost key only once agreed', async () => {
    const c = await newCase(sim);
    await rotationDiedAt(c, { step: 'create-key', moment: 'after' });
    const command = createRotateCommand(async () => null);
    const list = io(c);
    expect(await command.run(['--recover'], list)).toBe(0);
    const id = /^(\S+)\s+profile good/m.exec(list.out.join(''))![1]!;
    // The crash came after IAM made the key and before its id was journaled: only a listing finds it.
    const lostKeyId = sim.world.keysOf(c.userName, c.accountId).find((k) => k.accessKeyId !== c.oldKeyId)!.accessKeyId;
    const unasked = io(c);
    expect(await command.run(['--undo', id], unasked)).toBe(2);
    expect(unasked.out.join('')).toContain(`aws iam delete-access-key --access-key-id ${lostKeyId} --user-name ${c.userName}`);
    expect(sim.world.findKey(lostKeyId)).toBeDefined();
    const undo = io(c);
    expect(await command.run(['--undo', id, '--yes'], undo)).toBe(1);
    expect(undo.out.join('')).toMatch(/Rolled back/);
    expect(undo.out.join('')).toContain(`${lostKeyId.slice(0, 4)}…${lostKeyId.slice(-4)}`);
    expect(undo.out.join('')).toMatch(/no new key is left in IAM/);
    expect(sim.world.keysOf(c.userName, c.accountId).map((k) => k.accessKeyId)).toEqual([c.oldKeyId]);
  });
});
