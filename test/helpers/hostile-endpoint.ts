import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the hostile endpoint answers every request with. */
export type HostileAnswer = { kind: 'error-body'; bytes: number; announceLength: boolean } | { kind: 'huge-arn'; bytes: number; announceLength: boolean };

/** A running hostile endpoint: its URL, and how many bytes it managed to send in all. */
export interface HostileEndpoint {
  url: string;
  sent(): number;
  close(): Promise<void>;
}

const chunkSize = 64 * 1024;

function parts(answer: HostileAnswer): { status: number; head: string; filler: string; tail: string } {
  if (answer.kind === 'error-body') {
    return {
      status: 400,
      head: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>',
      filler: 'A',
      tail: '</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>',
    };
  }
  return {
    status: 200,
    head: '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/',
    filler: 'a',
    tail: '</Arn><UserId>AIDAEXAMPLEUSERID0000</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
  };
}

/**
 * An HTTP endpoint on 127.0.0.1 that answers every AWS call with a body of `bytes` (an error
 * whose message is that long, or a 200 whose ARN is), written in chunks as the client reads,
 * and stops when the client goes away. For the hostile-input tests and benchmarks.
 */
export async function startHostileEndpoint(answer: HostileAnswer): Promise<HostileEndpoint> {
  let sent = 0;
  const { status, head, filler, tail } = parts(answer);
  const fillerChunk = Buffer.alloc(chunkSize, filler);
  const server: Server = createServer((request, response) => {
    request.resume();
    const total = head.length + answer.bytes + tail.length;
    response.writeHead(status, { 'content-type': 'text/xml', ...(answer.announceLength ? { 'content-length': String(total) } : {}) });
    response.write(head);
    let left = answer.bytes;
    const pump = () => {
      while (left > 0 && !response.destroyed) {
        const piece = left >= chunkSize ? fillerChunk : fillerChunk.subarray(0, left);
        left -= piece.length;
        sent += piece.length;
        if (!response.write(piece)) {
          response.once('drain', pump);
          return;
        }
      }
      if (!response.destroyed) response.end(tail);
    };
    response.on('error', () => undefined);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent: () => sent,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
