import type { ServerResponse } from 'node:http';

/** How many past events a page can catch up on after its stream reconnects. */
const backlogSize = 500;
/** How many page loads are remembered; the oldest is forgotten first. */
const clientLimit = 32;

interface Client {
  streams: Set<ServerResponse>;
  backlog: Array<{ id: number; data: string }>;
  nextId: number;
}

/**
 * The Server-Sent Events side of browser mode: each page load (client id) has its streams
 * and a short numbered backlog, so a stream that drops and reconnects (EventSource sends
 * Last-Event-ID) misses nothing, and a run's events reach only the page that started it.
 */
export class EventStreams {
  private readonly clients = new Map<string, Client>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    // A comment line now and then keeps proxies and tunnels from closing an idle stream.
    this.heartbeat = setInterval(() => this.everyStream((stream) => stream.write(': keep-alive\n\n')), 20_000);
    this.heartbeat.unref();
  }

  private client(clientId: string): Client {
    let client = this.clients.get(clientId);
    if (!client) {
      client = { streams: new Set(), backlog: [], nextId: 1 };
      this.clients.set(clientId, client);
      if (this.clients.size > clientLimit) {
        const oldest = [...this.clients.entries()].find(([, candidate]) => candidate.streams.size === 0);
        if (oldest) this.clients.delete(oldest[0]);
      }
    }
    return client;
  }

  /** Takes over a GET /events response as a stream for `clientId`, replaying what it missed. */
  attach(clientId: string, response: ServerResponse, lastEventId: string | undefined): void {
    const client = this.client(clientId);
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write('retry: 1000\n\n');
    const after = Number(lastEventId);
    if (Number.isInteger(after)) {
      for (const entry of client.backlog) if (entry.id > after) response.write(frame(entry.id, entry.data));
    }
    client.streams.add(response);
    response.on('close', () => client.streams.delete(response));
  }

  /** Sends one contract event to the streams of `clientId`. */
  send(clientId: string, channel: string, payload: unknown): void {
    const client = this.client(clientId);
    const entry = { id: client.nextId++, data: JSON.stringify({ channel, payload }) };
    client.backlog.push(entry);
    if (client.backlog.length > backlogSize) client.backlog.shift();
    for (const stream of client.streams) stream.write(frame(entry.id, entry.data));
  }

  private everyStream(action: (stream: ServerResponse) => void): void {
    for (const client of this.clients.values()) for (const stream of client.streams) action(stream);
  }

  /** Ends every stream, for shutdown. */
  close(): void {
    clearInterval(this.heartbeat);
    this.everyStream((stream) => stream.end());
    this.clients.clear();
  }
}

function frame(id: number, data: string): string {
  // JSON.stringify escapes newlines, so the data is always one line.
  return `id: ${id}\ndata: ${data}\n\n`;
}
