import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiagnoseCommand } from '../../../src/cli/commands/diagnose';
import type { LineReader } from '../../../src/cli/line-reader';
import { captureIo } from '../../helpers/capture-io';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

let bench: PresetSim;

beforeAll(async () => {
  bench = await startPresetSim({}, ['inactive-key-lookup', 'deleted-key-lookup', 'good']);
}, 30_000);

afterAll(async () => {
  await bench?.close();
});

const hostOf = (preset: string) => bench.hostFor(bench.preset(preset));
const lookUpsSince = (start: number) => bench.sim.requestLog.slice(start).filter((request) => request.operation === 'GetAccessKeyInfo').length;

/** A terminal whose answers are scripted; it records each question. */
function scripted(answer: string | null): LineReader & { questions: string[] } {
  const questions: string[] = [];
  const reader = async (question: string) => {
    questions.push(question);
    return answer;
  };
  return Object.assign(reader, { questions });
}

describe('mdb-doctor diagnose: looking a refused key up with another profile', () => {
  it('on a terminal, asks before using the other profile; yes names credentials.key-inactive with the reactivate command', async () => {
    const reader = scripted('y');
    const io = captureIo(hostOf('inactive-key-lookup'), { tty: true });
    expect(await createDiagnoseCommand(reader).run(['--profile', 'inactive-key-lookup'], io)).toBe(1);
    expect(reader.questions).toEqual([
      expect.stringMatching(
        /Use profile inactive-key-lookup-admin \(same account\) to look the refused key up in IAM\? Read-only: .*iam:ListAccessKeys \[y\/N\] $/,
      ),
    ]);
    expect(io.out()).toContain('Root cause: credentials.key-inactive');
    expect(io.out()).toContain(
      'aws iam update-access-key --user-name inactive-key-lookup --access-key-id "$(aws configure get aws_access_key_id --profile inactive-key-lookup)" --status Active --profile inactive-key-lookup-admin',
    );
    expect(io.out()).toMatch(
      /✖ Credentials +The access key AKIA…\w{4} of IAM user inactive-key-lookup is Inactive \(looked up with profile "inactive-key-lookup-admin"\)/,
    );
  });

  it('no (the default) sends nothing with the other profile and keeps key-rejected', async () => {
    const start = bench.sim.requestLog.length;
    const reader = scripted('');
    const io = captureIo(hostOf('inactive-key-lookup'), { tty: true });
    expect(await createDiagnoseCommand(reader).run(['--profile', 'inactive-key-lookup'], io)).toBe(1);
    expect(reader.questions).toEqual([expect.stringMatching(/Use profile inactive-key-lookup-admin .*\[y\/N\] $/)]);
    expect(io.out()).toContain('Root cause: credentials.key-rejected');
    expect(lookUpsSince(start)).toBe(0);
    const adminKey = /\[inactive-key-lookup-admin\]\naws_access_key_id = (\w+)/.exec(await readFile(bench.folder.credentialsFile, 'utf8'))![1];
    expect(bench.sim.requestLog.slice(start).filter((request) => request.accessKeyId === adminKey)).toEqual([]);
    expect(bench.sim.requestLog.filter((request) => request.accessKeyId === adminKey).length).toBeGreaterThan(0);
  });

  it('piped (no terminal): never asks, prints the exact command that would do the lookup (a JSON extra with --json), sends nothing', async () => {
    const reader = scripted('y');
    const start = bench.sim.requestLog.length;
    const json = captureIo(hostOf('inactive-key-lookup'));
    expect(await createDiagnoseCommand(reader).run(['--profile', 'inactive-key-lookup', '--json'], json)).toBe(1);
    expect(JSON.parse(json.out())).toMatchObject({
      rootCause: 'credentials.key-rejected',
      keyLookUpOffer: {
        profile: 'inactive-key-lookup-admin',
        sameAccount: true,
        command: 'mdb-doctor diagnose --profile inactive-key-lookup --json --look-up-with inactive-key-lookup-admin',
      },
    });
    expect(json.err()).toBe('');
    const text = captureIo(hostOf('inactive-key-lookup'));
    expect(await createDiagnoseCommand(reader).run(['--profile', 'inactive-key-lookup'], text)).toBe(1);
    expect(text.out()).toContain('Profile inactive-key-lookup-admin (same account) could look the refused key up in IAM');
    expect(text.out()).toContain('    mdb-doctor diagnose --profile inactive-key-lookup --look-up-with inactive-key-lookup-admin\n');
    expect(reader.questions).toEqual([]);
    expect(lookUpsSince(start)).toBe(0);
  });

  it('--look-up-with does it without asking, in JSON too: inactive, and deleted', async () => {
    const inactive = captureIo(hostOf('inactive-key-lookup'));
    expect(
      await createDiagnoseCommand(scripted(null)).run(['--profile', 'inactive-key-lookup', '--look-up-with', 'inactive-key-lookup-admin', '--json'], inactive),
    ).toBe(1);
    expect(JSON.parse(inactive.out())).toMatchObject({
      rootCause: 'credentials.key-inactive',
      keyLookUp: { helperProfile: 'inactive-key-lookup-admin', outcome: 'inactive' },
    });
    const deleted = captureIo(hostOf('deleted-key-lookup'));
    expect(await createDiagnoseCommand(scripted(null)).run(['--profile', 'deleted-key-lookup', '--look-up-with', 'deleted-key-lookup-admin'], deleted)).toBe(1);
    expect(deleted.out()).toMatch(/Root cause: credentials.key-rejected — The access key AKIA…\w{4} is deleted: IAM has no such key/);
  });

  it('--look-up-with when no key was refused: says so, changes nothing', async () => {
    const io = captureIo(hostOf('good'));
    expect(await createDiagnoseCommand(scripted(null)).run(['--profile', 'good', '--look-up-with', 'inactive-key-lookup-admin'], io)).toBe(0);
    expect(io.err()).toBe('--look-up-with inactive-key-lookup-admin: nothing to look up, AWS did not refuse the key id.\n');
  });

  it('a profile that cannot look it up is said, and the exit code stays 1 (problems found)', async () => {
    const io = captureIo(hostOf('inactive-key-lookup'));
    expect(await createDiagnoseCommand(scripted(null)).run(['--profile', 'inactive-key-lookup', '--look-up-with', 'nope'], io)).toBe(1);
    expect(io.out()).toContain('Root cause: credentials.key-rejected');
    expect(io.out()).toContain('IAM lookup of AKIA…');
    expect(io.out()).toContain('There is no profile "nope"');
  });
});
