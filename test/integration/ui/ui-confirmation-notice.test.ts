import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWizardServer } from '../../../src/cli/ui/wizard-server';
import type { ConfirmationRequest } from '../../../src/main/ipc/shell-port';
import type { ConfirmationNotice } from '../../../src/shared/ipc/channels/app';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';
import { fakePageFolder, httpApi, signIn } from './ui-support';

/** A question the test answers when it chooses, as a person at the terminal does. */
function heldQuestions() {
  const asked: ConfirmationRequest[] = [];
  let answer: (yes: boolean) => void = () => undefined;
  const confirm = (request: ConfirmationRequest) => {
    asked.push(request);
    return new Promise<boolean>((resolve) => {
      answer = resolve;
    });
  };
  return { asked, confirm, answer: (yes: boolean) => answer(yes) };
}

let bench: PresetSim;
const questions = heldQuestions();
const printed: Array<{ label: string; text: string }> = [];
let page: ReturnType<typeof httpApi>;
let stop: () => Promise<void> = async () => undefined;
const notices: ConfirmationNotice[] = [];
let noticed: (notice: ConfirmationNotice) => void = () => undefined;
const nextNotice = () => new Promise<ConfirmationNotice>((resolve) => (noticed = resolve));

beforeAll(async () => {
  bench = await startPresetSim({}, ['connect-denied']);
  const wizard = await startWizardServer({
    host: bench.hostFor(bench.preset('connect-denied')),
    confirm: questions.confirm,
    printSecret: (label, text) => printed.push({ label, text }),
    pageFolder: await fakePageFolder(),
    address: '127.0.0.1',
    port: 0,
  });
  stop = () => wizard.stop();
  page = httpApi(wizard.server, await signIn(wizard.server), 'notice-client-00000000001');
  page.api.onConfirmationNotice((notice) => {
    notices.push(notice);
    noticed(notice);
  });
});

afterAll(async () => {
  page?.close();
  await stop();
  await bench?.close();
});

const request = { profile: 'connect-denied', cluster: 'orders', user: 'app-user' };

describe('browser mode: a token copy confirmed in the terminal', () => {
  it('is announced to the page while the terminal waits; refused, nothing is printed and the notice ends', async () => {
    notices.length = 0;
    const waiting = nextNotice();
    const copy = page.api.copyClusterToken(request);
    const shown = await waiting;
    expect(shown).toMatchObject({ state: 'waiting', title: 'Copy the IAM token?' });
    expect(shown.state === 'waiting' && shown.message).toBe(questions.asked.at(-1)!.message);
    expect(questions.asked.at(-1)!.message).toContain('print it in this terminal');

    const answered = nextNotice();
    questions.answer(false);
    expect(await answered).toEqual({ state: 'answered', id: shown.id });
    const result = await copy;
    expect(result.ok ? null : result.error.code).toBe('cancelled');
    expect(printed).toEqual([]);
    expect(notices.map((notice) => notice.state)).toEqual(['waiting', 'answered']);
  });

  it('agreed, prints the whole token in the terminal and tells the page where it went, never the token', async () => {
    notices.length = 0;
    const waiting = nextNotice();
    const copy = page.api.copyClusterToken(request);
    const shown = await waiting;
    const answered = nextNotice();
    questions.answer(true);
    expect(await answered).toEqual({ state: 'answered', id: shown.id });
    const result = await copy;
    expect(result).toMatchObject({ ok: true, value: { deliveredTo: 'terminal', clearsAt: null, cluster: 'orders', user: 'app-user' } });
    expect(JSON.stringify(result)).not.toContain('X-Amz-Signature');
    expect(printed).toHaveLength(1);
    expect(printed[0]!.label).toMatch(/^IAM auth token for app-user of cluster orders \(until /);
    expect(new URLSearchParams(printed[0]!.text.split('/?')[1]).get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(notices.map((notice) => notice.state)).toEqual(['waiting', 'answered']);
  });
});
