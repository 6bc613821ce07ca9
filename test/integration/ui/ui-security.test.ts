import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';
import type { RunningUiServer } from '../../../src/cli/ui/ui-server';
import { invokeContract, maxPayloadBytes } from '../../../src/shared/ipc/contract';
import { httpRoutes } from '../../../src/shared/ipc/http-transport';
import { sampleHandlers } from '../../helpers/fake-handlers';
import { fakePageFolder, pageHeaders, raw, signIn, startTestServer } from './ui-support';

const clientId = 'test-client-0123456789';

/** Every route the server has, each as a browser would request it. */
function everyRoute(server: RunningUiServer): Array<{ method: string; path: string; body?: string }> {
  return [
    { method: 'GET', path: '/' },
    { method: 'GET', path: '/index.html' },
    { method: 'GET', path: '/assets/app.js' },
    { method: 'GET', path: '/assets/' },
    { method: 'GET', path: `/events?client=${clientId}` },
    { method: 'GET', path: '/download/abc' },
    { method: 'GET', path: '/no-such-file' },
    ...Object.values(invokeContract).map((contract) => ({ method: 'POST', path: `${httpRoutes.invoke}${contract.channel}`, body: '{}' })),
  ].map((route) => ({ ...route, path: `${server.origin}${route.path}` }));
}

describe('mdb-doctor ui refuses whoever has not got the launch link', () => {
  const servers: RunningUiServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function start(port?: number) {
    const fake = sampleHandlers();
    const server = await startTestServer(fake.handlers, { port });
    servers.push(server);
    return { server, received: fake.received };
  }

  it('without the token or its cookie, every route answers 401 and no handler runs', async () => {
    const { server, received } = await start();
    for (const route of everyRoute(server)) {
      const answer = await raw(route.path, {
        method: route.method,
        body: route.body,
        headers: { origin: server.origin, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      });
      expect(answer.status, `${route.method} ${route.path}`).toBe(401);
      expect(answer.text).not.toContain('MemoryDB Credentials Doctor</title>');
    }
    expect(received).toEqual([]);
  });

  it('a wrong token gets 401 and no cookie; the right one is traded once for an HttpOnly, SameSite=Strict cookie and a clean URL', async () => {
    const { server } = await start();
    const wrong = await raw(`${server.origin}/?token=${'A'.repeat(43)}`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const first = await raw(server.launchUrl);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = first.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toContain(new URL(server.launchUrl).searchParams.get('token')!);

    const again = await raw(server.launchUrl);
    expect(again.status, 'the printed link works once').toBe(401);

    const index = await raw(`${server.origin}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(index.status).toBe(200);
    expect(index.text).toContain('MemoryDB Credentials Doctor</title>');
  });

  it('the token and cookie of an earlier launch are refused by the next one on the same port', async () => {
    const earlier = await start();
    const earlierCookie = await signIn(earlier.server);
    const earlierUrl = earlier.server.launchUrl;
    const port = new URL(earlier.server.origin).port;
    await servers.pop()!.close();

    const { server, received } = await start(Number(port));
    expect(server.origin).toBe(earlier.server.origin);
    expect((await raw(earlierUrl)).status).toBe(401);
    const call = await raw(`${server.origin}/ipc/app:get-info`, { method: 'POST', body: '{}', headers: pageHeaders(server, earlierCookie) });
    expect(call.status).toBe(401);
    expect((await raw(`${server.origin}/`, { headers: { cookie: earlierCookie } })).status).toBe(401);
    expect(received).toEqual([]);
  });

  it('refuses a request naming another host (DNS rebinding), even with a valid cookie', async () => {
    const { server, received } = await start();
    const cookie = await signIn(server);
    const port = new URL(server.origin).port;
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`]) {
      const index = await raw(`${server.origin}/`, { headers: { host, cookie } });
      expect(index.status, host).toBe(403);
      const call = await raw(`${server.origin}/ipc/app:get-info`, {
        method: 'POST',
        body: '{}',
        headers: { ...pageHeaders(server, cookie), host, origin: `http://${host}` },
      });
      expect(call.status, host).toBe(403);
    }
    const viaLocalhost = await raw(`${server.origin}/`, { headers: { host: `localhost:${port}`, cookie } });
    expect(viaLocalhost.status, 'localhost names this machine too').toBe(200);
    expect(received).toEqual([]);
  });

  it('refuses a cross-origin POST, and a call that does not say where it came from', async () => {
    const { server, received } = await start();
    const cookie = await signIn(server);
    const url = `${server.origin}/ipc/app:get-info`;
    const crossOrigin = await raw(url, {
      method: 'POST',
      body: '{}',
      headers: { ...pageHeaders(server, cookie), origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossOrigin.status).toBe(403);
    expect(JSON.parse(crossOrigin.text)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(crossOrigin.headers['access-control-allow-origin']).toBeUndefined();
    const otherPort = await raw(url, { method: 'POST', body: '{}', headers: { ...pageHeaders(server, cookie), origin: 'http://127.0.0.1:1' } });
    expect(otherPort.status).toBe(403);
    const sameSiteOtherOrigin = await raw(url, { method: 'POST', body: '{}', headers: { ...pageHeaders(server, cookie), 'sec-fetch-site': 'same-site' } });
    expect(sameSiteOtherOrigin.status).toBe(403);
    const { origin: _origin, ...withoutOrigin } = pageHeaders(server, cookie);
    expect((await raw(url, { method: 'POST', body: '{}', headers: withoutOrigin })).status).toBe(403);
    expect(received).toEqual([]);

    const sameOrigin = await raw(url, { method: 'POST', body: '{}', headers: pageHeaders(server, cookie) });
    expect(sameOrigin.status).toBe(200);
    expect(received.map((entry) => entry.method)).toEqual(['getAppInfo']);
  });

  it('listens on loopback addresses only', async () => {
    const { server } = await start();
    const addresses = server.addresses();
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(['127.0.0.1', '::1']).toContain(address.address);
  });

  it('answers with the app CSP, no CORS headers and no folder listing', async () => {
    const { server } = await start();
    const cookie = await signIn(server);
    const index = await raw(`${server.origin}/`, { headers: { cookie, origin: 'http://evil.example' } });
    expect(index.status).toBe(403);
    const page = await raw(`${server.origin}/`, { headers: { cookie } });
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(Object.keys(page.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect((await raw(`${server.origin}/assets/`, { headers: { cookie } })).status).toBe(404);
    expect((await raw(`${server.origin}/assets/..%2f..%2fetc%2fpasswd`, { headers: { cookie } })).status).toBe(404);
    expect((await raw(`${server.origin}/assets/app.js`, { headers: { cookie } })).status).toBe(200);
  });

  it('a body over the size bound gets a typed payload-too-large error, and the server keeps answering', async () => {
    const { server, received } = await start();
    const cookie = await signIn(server);
    const url = `${server.origin}/ipc/app:copy-text`;
    const huge = JSON.stringify({ text: 'x'.repeat(maxPayloadBytes + 10) });
    const tooLarge = await raw(url, { method: 'POST', body: huge, headers: pageHeaders(server, cookie) });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.text)).toMatchObject({ ok: false, error: { code: 'payload-too-large' } });
    expect(received).toEqual([]);

    const next = await raw(url, { method: 'POST', body: JSON.stringify({ text: 'still here' }), headers: pageHeaders(server, cookie) });
    expect(JSON.parse(next.text)).toEqual({ ok: true, value: { copied: true } });
  });
});

describe('mdb-doctor ui, the command', () => {
  function capture() {
    const lines: string[] = [];
    let seeUrl: (url: string) => void = () => undefined;
    const url = new Promise<string>((resolve) => {
      seeUrl = resolve;
    });
    const port = (stream: string) => ({
      isTTY: false,
      write(text: string) {
        lines.push(
          ...text
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => `${stream}: ${line}`),
        );
        const match = /(http:\/\/\S+\?token=\S+)/.exec(text);
        if (match) seeUrl(match[1]!);
      },
    });
    return { lines, url, stdout: port('out'), stderr: port('err') };
  }

  async function run(argv: string[], pageFolder: string) {
    const output = capture();
    let stop: () => void = () => undefined;
    const stopSignal = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const exit = runCli(['ui', ...argv], {
      stdout: output.stdout,
      stderr: output.stderr,
      host: {
        env: { MDB_DOCTOR_RENDERER_DIR: pageFolder, BROWSER: 'none' },
        homeDir: pageFolder,
        platform: 'linux',
        appDataDir: pageFolder,
        now: () => new Date(),
      },
      signal: new AbortController().signal,
      stopSignal,
      cwd: pageFolder,
    });
    return { output, exit, stop };
  }

  it('writes the token in exactly one line, the URL line, whatever requests come in, and stops cleanly', async () => {
    const pageFolder = await fakePageFolder();
    const { output, exit, stop } = await run(['--port', '0'], pageFolder);
    const launchUrl = await output.url;
    const token = new URL(launchUrl).searchParams.get('token')!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const origin = new URL(launchUrl).origin;

    await raw(`${origin}/?token=wrong`);
    await raw(`${origin}/`, { headers: { host: 'evil.example' } });
    const cookie = (await raw(launchUrl)).headers['set-cookie']![0]!.split(';')[0]!;
    await raw(launchUrl);
    await raw(`${origin}/ipc/app:copy-text`, { method: 'POST', body: 'not json', headers: { cookie, origin, 'content-type': 'application/json' } });
    await raw(`${origin}/ipc/app:copy-text`, {
      method: 'POST',
      body: 'x'.repeat(maxPayloadBytes + 1),
      headers: { cookie, origin, 'content-type': 'application/json' },
    });
    stop();
    expect(await exit).toBe(0);

    const withToken = output.lines.filter((line) => line.includes(token));
    expect(withToken).toHaveLength(1);
    expect(withToken[0]).toMatch(/^out: +http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(output.lines.at(-1)).toBe('out: Stopped.');
    await expect(raw(`${origin}/`)).rejects.toThrow();
  });

  it('refuses --host for another address unless told it exposes credentials, and then warns', async () => {
    const pageFolder = await fakePageFolder();
    const refused = await run(['--host', '0.0.0.0', '--port', '0'], pageFolder);
    expect(await refused.exit).toBe(2);
    expect(refused.output.lines.join('\n')).toMatch(/Refusing to listen on 0\.0\.0\.0/);
    expect(refused.output.lines.join('\n')).not.toMatch(/token=/);

    const exposed = await run(['--host', '0.0.0.0', '--port', '0', '--i-know-this-exposes-credentials', '--no-open'], pageFolder);
    await exposed.output.url;
    expect(exposed.output.lines.join('\n')).toMatch(/^err: WARNING: listening on 0\.0\.0\.0/m);
    exposed.stop();
    expect(await exposed.exit).toBe(0);
  });
});
