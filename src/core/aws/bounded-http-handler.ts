import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { HttpRequest } from '@smithy/protocol-http';
import type { HttpHandlerOptions } from '@smithy/types';
import { Transform, type Readable } from 'node:stream';
import { agentsFor } from './proxy-agent';
import type { ProxyEnv } from './proxy-route';

/**
 * The most of one answer the doctor reads. The largest AWS answers it asks for (a page of
 * DescribeClusters, a simulated policy) are tens of KB; anything past this is not worth
 * holding in memory, and an endpoint that sends it is hostile or broken.
 */
export const maxResponseBytes = 1024 * 1024;

/** An answer cut off at the cap; the SDK does not retry it (it is neither throttling nor transient). */
export class ResponseTooLargeError extends Error {
  constructor(
    readonly where: string,
    readonly limit: number,
    readonly seen: number | null,
  ) {
    super(
      `The answer from ${where} is larger than ${Math.round(limit / 1024)} KB${seen === null ? '' : ` (${seen} bytes announced)`}; the doctor stopped reading it. AWS never answers these calls with that much: check the endpoint (endpoint_url, AWS_ENDPOINT_URL_*) points at AWS.`,
    );
    this.name = 'ResponseTooLarge';
  }
}

/** A pass-through that fails once more than `limit` bytes went by, so the reader stops and the socket is dropped. */
function capped(body: Readable, limit: number, where: string): Transform {
  let seen = 0;
  const gate = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) {
        body.destroy();
        done(new ResponseTooLargeError(where, limit, null));
        return;
      }
      done(null, chunk);
    },
  });
  body.on('error', (error) => gate.destroy(error));
  return body.pipe(gate);
}

const silentLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** The handler's options: Node's, plus the proxy variables of the host whose requests it carries. */
export interface BoundedHttpHandlerOptions extends NodeHttpHandlerOptions {
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY (pickProxyEnv); absent or without a proxy means direct connections. */
  proxyEnv?: ProxyEnv;
  /** Pool settings for the connections, direct or through a proxy (the SDK's defaults: keep-alive, 50 sockets). */
  agentOptions?: { keepAlive?: boolean; maxSockets?: number };
}

/**
 * The Node.js HTTP handler with a cap on every answer's body: an announced Content-Length over
 * the cap fails at once, and a body that grows past it is abandoned mid-stream with a clear error.
 * With proxy variables it goes where the AWS CLI would go (proxy-agent.ts).
 */
export class BoundedHttpHandler extends NodeHttpHandler {
  constructor(
    { proxyEnv, agentOptions, ...options }: BoundedHttpHandlerOptions = {},
    private readonly limit: number = maxResponseBytes,
  ) {
    const agents = agentsFor(proxyEnv, { keepAlive: true, maxSockets: 50, ...agentOptions });
    // A request past its timeout is an error the diagnosis reports, never a library WARN line on stderr.
    super({ throwOnRequestTimeout: true, logger: silentLogger, ...options, ...agents });
  }

  override async handle(request: HttpRequest, options?: HttpHandlerOptions): ReturnType<NodeHttpHandler['handle']> {
    const { response } = await super.handle(request, options);
    const where = `${request.hostname}${request.port ? `:${request.port}` : ''}`;
    const body = response.body as Readable | undefined;
    const announced = Number(response.headers['content-length'] ?? response.headers['Content-Length'] ?? Number.NaN);
    if (Number.isFinite(announced) && announced > this.limit) {
      body?.destroy();
      throw new ResponseTooLargeError(where, this.limit, announced);
    }
    if (body && typeof body.pipe === 'function') response.body = capped(body, this.limit, where);
    return { response };
  }
}
