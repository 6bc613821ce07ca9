import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers/index';
import { JobRegistry } from '../../../src/main/ipc/jobs';
import { headlessShell } from '../../../src/main/ipc/shell-port';
import { ssoSignInEventSchema, type SsoSignInEvent } from '../../../src/shared/model/sso';
import { browserVisit, type SsoBench, useSsoBench } from './sso-fixture';

const current = useSsoBench();
let bench: SsoBench;
beforeEach(() => {
  bench = current();
});

/** Every secret the sign-in left in the cache folder: tokens, refresh tokens, client secrets. */
async function cachedSecrets(cacheDir: string): Promise<string[]> {
  const names = await readdir(cacheDir).catch(() => []);
  const entries = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(cacheDir, name), 'utf8')) as Record<string, unknown>));
  return entries.flatMap((entry) => [entry.accessToken, entry.refreshToken, entry.clientSecret].filter((value): value is string => typeof value === 'string'));
}

function harness(options: { signInFlow?: 'device-code' } = {}) {
  const jobs = new JobRegistry();
  const shell = headlessShell();
  const dispatch = createDispatcher(createHandlers({ host: bench.host(), identity: { name: 'test', version: '0' }, jobs, shell, ...options }));
  const sent: Array<{ channel: string; payload: unknown }> = [];
  const events = () => sent.filter((entry) => entry.channel === 'sso:event').map((entry) => ssoSignInEventSchema.parse(entry.payload));
  const waitFor = async (predicate: (event: SsoSignInEvent) => boolean): Promise<SsoSignInEvent> => {
    for (;;) {
      const found = events().find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const start = async (request: Record<string, unknown>) => {
    const answer = await dispatch('sso:start', request, (channel, payload) => sent.push({ channel, payload }));
    if (!answer.ok) throw new Error(answer.error.message);
    return (answer.value as { runId: string }).runId;
  };
  return { jobs, shell, dispatch, sent, events, waitFor, start };
}

describe('the sign-in over IPC', () => {
  it('desktop: main opens the /authorize page it got, the redirect signs in, the page sees "signed in until" and never a token', async () => {
    bench.sim.sso.decision = 'approve';
    const h = harness();
    const runId = await h.start({ profile: 'session-dev' });
    const waiting = await h.waitFor((event) => event.state === 'waiting');
    expect(waiting.prompt).toMatchObject({ flow: 'authorization-code', userCode: null, openedInBrowser: true });
    expect(h.shell.opened).toEqual([waiting.prompt!.verificationUriComplete]);
    expect(await browserVisit(h.shell.opened[0]!)).toBe(200);
    await h.jobs.settled(runId);
    const last = h.events().at(-1)!;
    expect(last).toMatchObject({ runId, state: 'signed-in', method: 'authorization-code', failure: null });
    expect(last.message).toMatch(/^Signed in until \d{4}-\d\d-\d\dT/);
    const secrets = await cachedSecrets(bench.cacheDir);
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const secret of secrets) expect(JSON.stringify(h.sent)).not.toContain(secret);
  });

  it('browser mode: a device code with the verification URL and the user code; deny is a typed failure', async () => {
    const h = harness({ signInFlow: 'device-code' });
    const runId = await h.start({ profile: 'session-dev' });
    const waiting = await h.waitFor((event) => event.state === 'waiting');
    expect(waiting.prompt).toMatchObject({
      flow: 'device-code',
      verificationUri: `${bench.sim.endpoint}/device`,
      userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
    });
    bench.sim.sso.deny(waiting.prompt!.userCode!);
    await h.jobs.settled(runId);
    expect(h.events().at(-1)).toMatchObject({ state: 'failed', failure: { code: 'denied' } });
    const deviceCodes = [...bench.sim.sso.deviceAuthorizations.keys()];
    for (const code of deviceCodes) expect(JSON.stringify(h.sent)).not.toContain(code);
  });

  it('cancel stops a waiting sign-in and reports it as cancelled', async () => {
    const h = harness({ signInFlow: 'device-code' });
    const runId = await h.start({ profile: 'legacy-dev' });
    await h.waitFor((event) => event.state === 'waiting');
    const cancelled = await h.dispatch('sso:cancel', { runId }, () => undefined);
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } });
    await h.jobs.settled(runId);
    expect(h.events().at(-1)).toMatchObject({ state: 'failed', failure: { code: 'cancelled' } });
  });

  it('one sign-in at a time: a second start cancels the one still waiting, so a page cannot pile them up', async () => {
    const h = harness({ signInFlow: 'device-code' });
    const first = await h.start({ profile: 'legacy-dev' });
    await h.waitFor((event) => event.runId === first && event.state === 'waiting');
    const second = await h.start({ profile: 'session-dev' });
    await h.jobs.settled(first);
    expect(
      h
        .events()
        .filter((event) => event.runId === first)
        .at(-1),
    ).toMatchObject({ state: 'failed', failure: { code: 'cancelled' } });
    expect(h.jobs.active('sso-sign-in')).toEqual([second]);
    await h.dispatch('sso:cancel', { runId: second }, () => undefined);
    await h.jobs.settled(second);
  });

  it('a profile without SSO fails as not-configured, and the contract refuses extra fields', async () => {
    const h = harness();
    const runId = await h.start({ profile: 'keys' });
    await h.jobs.settled(runId);
    expect(h.events().at(-1)).toMatchObject({ state: 'failed', failure: { code: 'not-configured' } });
    const refused = await h.dispatch('sso:start', { profile: 'keys', startUrl: 'https://evil.example' }, () => undefined);
    expect(refused.ok).toBe(false);
  });
});
