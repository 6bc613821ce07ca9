import type { HandlerContext, Handlers } from '../../src/main/ipc/dispatcher';
import type { InvokeMethod } from '../../src/shared/ipc/contract';
import { contractSamples } from './contract-samples';

/** Handlers that answer every channel with its sample response and record what they received. */
export function sampleHandlers(): { handlers: Handlers; received: Array<{ method: InvokeMethod; request: unknown }> } {
  const received: Array<{ method: InvokeMethod; request: unknown }> = [];
  const handlers = Object.fromEntries(
    (Object.keys(contractSamples) as InvokeMethod[]).map((method) => [
      method,
      async (request: unknown, _context: HandlerContext) => {
        received.push({ method, request });
        return contractSamples[method].response;
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, received };
}
