import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWizardServer } from '../../../src/cli/ui/wizard-server';
import type { ConfirmationRequest } from '../../../src/main/ipc/shell-port';
import type { ConfirmationNotice } from '../../../src/shared/ipc/channels/app';
import { fakePageFolder, httpApi, signIn } from './ui-support';

/** A question the test answers when it chooses, as a person at the terminal does. */
function heldQuestion() {
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

describe('browser mode: a question asked in the terminal', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is announced to the page that asked while it waits, and the notice ends once it is answered', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mdb-ui-notice-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const question = heldQuestion();
    const wizard = await startWizardServer({
      host: {
        env: { HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' },
        homeDir: dir,
        platform: process.platform,
        appDataDir: join(dir, 'app'),
        now: () => new Date(),
      },
      confirm: question.confirm,
      pageFolder: await fakePageFolder(),
      address: '127.0.0.1',
      port: 0,
    });
    cleanups.push(() => wizard.stop());
    const cookie = await signIn(wizard.server);
    const page = httpApi(wizard.server, cookie, 'notice-client-00000000001');
    cleanups.push(page.close);

    const notices: ConfirmationNotice[] = [];
    let noticed: (notice: ConfirmationNotice) => void = () => undefined;
    page.api.onConfirmationNotice((notice) => {
      notices.push(notice);
      noticed(notice);
    });
    const next = () => new Promise<ConfirmationNotice>((resolve) => (noticed = resolve));

    const waiting = next();
    const reveal = page.api.generateClusterToken({ profile: 'dev', cluster: 'orders', user: 'app-user', region: 'eu-west-1', reveal: true });
    const shown = await waiting;
    expect(shown).toMatchObject({ state: 'waiting', title: 'Show the IAM token?' });
    expect(question.asked).toHaveLength(1);
    expect(shown.state === 'waiting' && shown.message).toBe(question.asked[0]!.message);

    const answered = next();
    question.answer(false);
    expect(await answered).toEqual({ state: 'answered', id: shown.id });
    const result = await reveal;
    expect(result.ok ? null : result.error.code).toBe('cancelled');
    expect(notices.map((notice) => notice.state)).toEqual(['waiting', 'answered']);
  });
});
