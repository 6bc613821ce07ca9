import type { z } from 'zod';

/** A request/response channel: the renderer asks, the main process answers once. */
export interface InvokeChannel<Req extends z.ZodType, Res extends z.ZodType> {
  readonly kind: 'invoke';
  readonly channel: string;
  readonly request: Req;
  readonly response: Res;
}

/** A main-to-renderer stream: the main process pushes payloads for long-running work. */
export interface EventChannel<Payload extends z.ZodType> {
  readonly kind: 'event';
  readonly channel: string;
  readonly payload: Payload;
}

/** Declares an invoke channel; one declaration gives the types and the runtime check. */
export function invoke<Req extends z.ZodType, Res extends z.ZodType>(channel: string, request: Req, response: Res): InvokeChannel<Req, Res> {
  return { kind: 'invoke', channel, request, response };
}

/** Declares an event channel pushed from main to the renderer. */
export function event<Payload extends z.ZodType>(channel: string, payload: Payload): EventChannel<Payload> {
  return { kind: 'event', channel, payload };
}
