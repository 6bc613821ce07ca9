import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresetSession, type PresetSession } from '../../src/demo/preset-session';
import type { ConfirmationRequest } from '../../src/main/ipc/shell-port';
import { openApp, type OpenedApp } from './support/open-app';
import { diagnose, openStep, startRotation } from './support/wizard-driver';

// Browser mode asks its confirmations in the terminal `mdb-doctor ui` runs in. While one
// waits, the page says so (and cannot answer it); the notice goes once it is answered.
// Every wait below is for a condition on the page or on the question, never for time.

let session: PresetSession;
let app: OpenedApp;
const questions: Array<{ request: ConfirmationRequest; answer(yes: boolean): void }> = [];
let questionAsked: () => void = () => undefined;

/** Resolves with the question number `index` (from 0) once the terminal is asked it. */
function question(index: number): Promise<{ request: ConfirmationRequest; answer(yes: boolean): void }> {
  return new Promise((resolve) => {
    const check = () => (questions.length > index ? resolve(questions[index]!) : (questionAsked = check));
    check();
  });
}

beforeAll(async () => {
  session = await startPresetSession({ prefix: 'mdb-e2e-terminal-', only: ['old-key', 'good'] });
  app = await openApp({
    host: session.hostFor(session.preset('old-key')),
    confirm: (request) =>
      new Promise<boolean>((answer) => {
        questions.push({ request, answer });
        questionAsked();
      }),
  });
});

afterAll(async () => {
  for (const question of questions) question.answer(false);
  await app?.close();
  await session?.close();
});

describe('a confirmation asked in the terminal, seen from the page', () => {
  it('shows where to answer while the rotation waits for the terminal, and goes once it is answered', async () => {
    const entry = session.preset('old-key');
    await diagnose(app.page, entry.profile);
    await startRotation(app.page);
    await question(0);
    expect(questions[0]!.request.title).toBe(`Rotate the access key of profile ${entry.profile}?`);

    const notice = app.page.getByRole('status', { name: 'Confirm in the terminal where mdb-doctor ui runs' });
    await notice.waitFor({ state: 'visible' });
    expect(await notice.innerText()).toContain(questions[0]!.request.title);
    expect(await notice.getByRole('button').count()).toBe(0);
    await app.screenshot('terminal-confirmation-waiting');

    questions[0]!.answer(true);
    await notice.waitFor({ state: 'detached' });
    const main = app.page.getByRole('main');
    await main.getByText('Key rotated').waitFor({ timeout: 60_000 });
    // The old key was kept (the plan's default): the timeline says so, not "Done".
    const oldKeyRow = main.locator('[data-step="delete-old"]');
    expect(await oldKeyRow.innerText()).toContain('Old key kept, inactive');
    expect(await oldKeyRow.innerText()).not.toContain('Done');
    expect(await notice.count()).toBe(0);
    expect(questions).toHaveLength(1);
    await app.screenshot('terminal-confirmation-answered');
  });

  it('copies an IAM token only once the terminal agreed, prints it there, and the page never holds it', async () => {
    const entry = session.preset('good');
    await diagnose(app.page, entry.profile, { cluster: entry.cluster, user: entry.user });
    await openStep(app.page, 'Cluster sign-in');
    const card = app.page.getByRole('region', { name: 'IAM auth token' });
    await card.getByRole('button', { name: 'Copy token' }).click();
    const asked = await question(1);
    expect(asked.request.title).toBe('Copy the IAM token?');
    const notice = app.page.getByRole('status', { name: 'Confirm in the terminal where mdb-doctor ui runs' });
    await notice.waitFor({ state: 'visible' });
    expect(app.printed).toEqual([]);

    asked.answer(true);
    await notice.waitFor({ state: 'detached' });
    await card.getByText(/printed in the terminal where mdb-doctor ui runs/).waitFor();
    expect(app.printed).toHaveLength(1);
    const token = app.printed[0]!.text;
    expect(new URLSearchParams(token.split('/?')[1]).get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(app.traffic)).not.toContain(token.split('X-Amz-Signature=')[1]);
    expect(await app.page.content()).not.toContain(token.split('X-Amz-Signature=')[1]);
    await app.screenshot('terminal-confirmation-token-printed');
  });
});
