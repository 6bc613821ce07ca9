import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { get as httpGet, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../../../src/main/ipc/dispatcher';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { DownloadStore } from '../../../src/cli/ui/browser-shell';
import { startUiServer, type RunningUiServer } from '../../../src/cli/ui/ui-server';
import { buildHttpApi, type HttpTransportPorts } from '../../../src/shared/ipc/http-transport';

/** A minimal built page: an index and one asset, enough to test what the server serves. */
export async function fakePageFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'mdb-ui-page-'));
  await mkdir(join(folder, 'assets'));
  await writeFile(join(folder, 'index.html'), '<!doctype html><title>MemoryDB Credentials Doctor</title><script src="./assets/app.js"></script>');
  await writeFile(join(folder, 'assets', 'app.js'), 'console.log("app");');
  return folder;
}

/** Starts the product's UI server on a free loopback port with the given handlers. */
export async function startTestServer(handlers: Handlers, options: { port?: number; pageFolder?: string } = {}): Promise<RunningUiServer> {
  return startUiServer({
    dispatch: createDispatcher(handlers),
    downloads: new DownloadStore(),
    pageFolder: options.pageFolder ?? (await fakePageFolder()),
    address: '127.0.0.1',
    port: options.port ?? 0,
  });
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One HTTP request with exactly the headers given (a browser's fetch would not let a test
 * forge Host or Origin); Host defaults to the URL's.
 */
export function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Trades the launch token for the session cookie, as the browser does on first visit. */
export async function signIn(server: RunningUiServer): Promise<string> {
  const answer = await raw(server.launchUrl, { headers: { 'sec-fetch-site': 'none' } });
  if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}: ${answer.text}`);
  const cookie = answer.headers['set-cookie']?.[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie.split(';')[0]!;
}

/** The headers a same-origin fetch from the served page sends with a call. */
export function pageHeaders(server: RunningUiServer, cookie: string): Record<string, string> {
  return { cookie, origin: server.origin, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
}

/** The browser path from Node: the shared HTTP transport with Node's http for fetch and EventSource. */
export function httpApi(server: RunningUiServer, cookie: string, clientId: string, page: { copied: string[]; opened: string[] } = { copied: [], opened: [] }) {
  const closers: Array<() => void> = [];
  const ports: HttpTransportPorts = {
    clientId,
    async post(path, body, headers) {
      const answer = await raw(`${server.origin}${path}`, { method: 'POST', body, headers: { ...pageHeaders(server, cookie), ...headers } });
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.text);
      } catch {
        parsed = undefined;
      }
      return { status: answer.status, body: parsed, header: (name) => (answer.headers[name] as string | undefined) ?? null };
    },
    openStream(path, onMessage, onSettled) {
      const request = httpGet(`${server.origin}${path}`, { headers: { cookie } }, (response) => {
        onSettled();
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n');
            if (data !== '') onMessage(data);
          }
        });
      });
      request.on('error', () => onSettled());
      const close = () => request.destroy();
      closers.push(close);
      return close;
    },
    async copyText(text) {
      page.copied.push(text);
    },
    openLink(url) {
      page.opened.push(url);
    },
    download() {},
  };
  return { api: buildHttpApi(ports), close: () => closers.forEach((close) => close()) };
}
