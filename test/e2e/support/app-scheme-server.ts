import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appPageUrl, resolveAppRequest } from '../../../src/main/app-protocol/app-files';

/**
 * Serves a built renderer folder on 127.0.0.1 through the very function the app's scheme
 * handler calls: each request's path is asked for as app://doctor/<path>, and the answer
 * (status, headers with the CSP, body) goes back unchanged.
 */
export async function serveThroughAppScheme(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const origin = new URL(appPageUrl);
  const server: Server = createServer((request, response) => {
    const appUrl = `${origin.protocol}//${origin.host}${request.url ?? '/'}`;
    void resolveAppRequest(root, appUrl, request.method).then((answer) => {
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  };
}
