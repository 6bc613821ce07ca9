import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../../main/ipc/dispatcher';
import { maxPayloadBytes } from '../../shared/ipc/contract';
import { clientHeader, clientIdPattern, httpRoutes, pageActionsHeader, type PageAction } from '../../shared/ipc/http-transport';
import { fail, type Result } from '../../shared/ipc/result';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { requestActions, requestEvents, type DownloadStore } from './browser-shell';
import { EventStreams } from './event-streams';
import { LaunchSecrets } from './launch-secrets';
import { loadPageFiles, type PageFile } from './page-files';
import { checkOrigin, loopbackNames, readCookie, type Refusal } from './request-guard';

/** What the UI server is built from. */
export interface UiServerOptions {
  dispatch: Dispatch;
  downloads: DownloadStore;
  /** The built renderer folder. */
  pageFolder: string;
  /** Address to bind; loopback unless the user explicitly exposed the server. */
  address: string;
  port: number;
  /** Extra names the Host header may carry (for an exposed address). */
  extraHostNames?: readonly string[];
}

/** A running UI server. */
export interface RunningUiServer {
  /** The one URL with the launch token: print it once, nowhere else. */
  launchUrl: string;
  /** The URL without the token. */
  origin: string;
  /** Every address a socket listens on. */
  addresses(): AddressInfo[];
  close(): Promise<void>;
}

// Every answer carries these: the app's CSP, no sniffing, no framing, no caching, no referrer.
const securityHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sendJson(response: ServerResponse, status: number, result: Result<unknown>, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', ...extra });
  response.end(JSON.stringify(result));
}

function refuse(request: IncomingMessage, response: ServerResponse, refusal: Refusal): void {
  if (request.url?.startsWith(httpRoutes.invoke)) {
    sendJson(response, refusal.status, fail('forbidden-sender', refusal.message));
    return;
  }
  response.writeHead(refusal.status, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' });
  response.end(`${refusal.message}\n`);
}

class BodyTooLarge extends Error {}

/** Reads a request body up to `limit` bytes; past it, stops reading and rejects. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function cookieName(port: number): string {
  // Cookies ignore ports, so two servers on one machine each keep their own.
  return `mdb_doctor_${port}`;
}

/**
 * Serves the wizard and the IPC contract to a browser (browser mode, `mdb-doctor ui`). Every
 * request passes the Host/Origin checks and then needs the launch's session cookie (which
 * the one-time token in the printed URL buys); the contract goes through the very same
 * dispatcher as the desktop app, with its validation and its typed errors.
 */
export async function startUiServer(options: UiServerOptions): Promise<RunningUiServer> {
  const files = await loadPageFiles(options.pageFolder);
  const secrets = new LaunchSecrets();
  const streams = new EventStreams();
  const allowedHosts = [...loopbackNames, ...(options.extraHostNames ?? []).map((name) => name.toLowerCase())];
  let port = options.port;

  async function handleInvoke(request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(request, maxPayloadBytes);
    } catch (error) {
      // The rest of an oversized body is not read; the connection closes after the answer.
      const closing = { connection: 'close' };
      if (error instanceof BodyTooLarge) {
        sendJson(response, 413, fail('payload-too-large', `The request for ${channel} is over the limit of ${maxPayloadBytes} bytes.`), closing);
      } else {
        sendJson(response, 400, fail('invalid-payload', `The request for ${channel} could not be read.`), closing);
      }
      return;
    }
    let payload: unknown = undefined;
    if (body.length > 0) {
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        sendJson(response, 400, fail('invalid-payload', `The request for ${channel} is not JSON.`));
        return;
      }
    }
    const clientId = request.headers[clientHeader];
    const target = typeof clientId === 'string' && clientIdPattern.test(clientId) ? clientId : null;
    const actions: PageAction[] = [];
    const sink = (eventChannel: string, eventPayload: unknown) => {
      if (target !== null) streams.send(target, eventChannel, eventPayload);
    };
    const result = await requestActions.run(actions, () => requestEvents.run(sink, () => options.dispatch(channel, payload, sink)));
    const extra: Record<string, string> = actions.length > 0 ? { [pageActionsHeader]: encodeURIComponent(JSON.stringify(actions)) } : {};
    sendJson(response, 200, result, extra);
  }

  function servePage(response: ServerResponse, file: PageFile): void {
    response.writeHead(200, { ...securityHeaders, 'content-type': file.contentType });
    response.end(file.body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const originRefusal = checkOrigin(method, request.headers, allowedHosts);
    if (originRefusal) return refuse(request, response, originRefusal);
    const url = new URL(request.url ?? '/', 'http://server.invalid');
    const session = readCookie(request.headers, cookieName(port));
    const hasSession = secrets.isSession(session);

    if (method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      const granted = hasSession ? session! : secrets.redeem(url.searchParams.get('token'));
      if (granted === null) {
        return refuse(request, response, {
          status: 401,
          message: 'This link is not valid (wrong, or already used): restart `mdb-doctor ui` and open the new link it prints.',
        });
      }
      response.writeHead(303, {
        ...securityHeaders,
        location: '/',
        'set-cookie': `${cookieName(port)}=${granted}; HttpOnly; SameSite=Strict; Path=/`,
      });
      response.end();
      return;
    }
    if (!hasSession) {
      return refuse(request, response, { status: 401, message: 'Not signed in: open the link `mdb-doctor ui` printed when it started.' });
    }

    if (url.pathname.startsWith(httpRoutes.invoke)) {
      if (method !== 'POST') return refuse(request, response, { status: 405, message: 'Contract calls are POST requests.' });
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        sendJson(response, 400, fail('invalid-payload', 'A contract call carries a JSON body (Content-Type: application/json).'));
        return;
      }
      return handleInvoke(request, response, decodeURIComponent(url.pathname.slice(httpRoutes.invoke.length)));
    }
    if (method !== 'GET') return refuse(request, response, { status: 405, message: 'Only GET and POST are served.' });
    if (url.pathname === httpRoutes.events) {
      const clientId = url.searchParams.get('client') ?? '';
      if (!clientIdPattern.test(clientId)) return refuse(request, response, { status: 403, message: 'The event stream needs a client id.' });
      const lastEventId = request.headers['last-event-id'];
      streams.attach(clientId, response, typeof lastEventId === 'string' ? lastEventId : undefined);
      return;
    }
    if (url.pathname.startsWith(httpRoutes.download)) {
      const file = options.downloads.take(url.pathname.slice(httpRoutes.download.length));
      if (!file) {
        response.writeHead(404, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' });
        response.end('That download has been taken already or never existed.\n');
        return;
      }
      response.writeHead(200, {
        ...securityHeaders,
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
      });
      response.end(file.content);
      return;
    }
    const file = files.get(url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) {
      response.writeHead(404, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found.\n');
      return;
    }
    servePage(response, file);
  }

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendJson(response, 500, fail('internal', error instanceof Error ? error.message : String(error)));
    });
  };

  const servers: Server[] = [];
  const listen = (address: string, onPort: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer({ requestTimeout: 0, headersTimeout: 30_000 }, onRequest);
      server.once('error', reject);
      server.listen(onPort, address, () => {
        server.off('error', reject);
        resolve(server);
      });
    });

  const first = await listen(options.address, options.port);
  servers.push(first);
  port = (first.address() as AddressInfo).port;
  if (options.address === '127.0.0.1') {
    // Also on IPv6 loopback when the machine has it, so http://localhost works either way.
    await listen('::1', port).then(
      (server) => servers.push(server),
      () => undefined,
    );
  }
  const shownHost = options.address.includes(':') ? `[${options.address}]` : options.address;
  const origin = `http://${shownHost}:${port}`;
  return {
    launchUrl: `${origin}/?token=${secrets.token}`,
    origin,
    addresses: () => servers.map((server) => server.address() as AddressInfo),
    async close() {
      streams.close();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
