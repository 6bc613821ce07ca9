import { createServer, request as forward, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** A forward HTTP proxy on 127.0.0.1 for tests: every proxied host is this machine (so a made-up host name works only through it). */
export interface TestProxy {
  url: string;
  /** Absolute-form request lines it forwarded (`POST http://host:port/`). */
  forwarded: string[];
  close(): Promise<void>;
}

/**
 * Starts a proxy that forwards absolute-form requests to 127.0.0.1 on the request's port, with
 * the request's own headers (so a SigV4 signature over Host still holds); `hang` accepts
 * requests and never answers, like a proxy that swallows them. CONNECT tunnels (HTTPS) are
 * always refused.
 */
export async function startTestProxy(options: { hang?: boolean } = {}): Promise<TestProxy> {
  const forwarded: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming, outgoing) => {
    forwarded.push(`${incoming.method} ${incoming.url}`);
    if (options.hang) return;
    const target = new URL(incoming.url ?? '/');
    const upstream = forward(
      { host: '127.0.0.1', port: Number(target.port || 80), method: incoming.method, path: `${target.pathname}${target.search}`, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  // HTTPS goes through a CONNECT tunnel; this proxy, like a corporate one with an allow-list, refuses them.
  server.on('connect', (incoming, socket: Socket) => {
    forwarded.push(`CONNECT ${incoming.url}`);
    if (!options.hang) socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: 23\r\n\r\n<h1>Access denied</h1>\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
