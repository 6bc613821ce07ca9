import {
  eventContract,
  invokeContract,
  maxPayloadBytes,
  type EventMethod,
  type EventPayloadOf,
  type InvokeMethod,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract';
import { fail, IpcFailure, ok, type Result } from '../../shared/ipc/result';

/** What a handler may do besides answering: push events to the renderer that asked. */
export interface HandlerContext {
  emit<E extends EventMethod>(event: E, payload: EventPayloadOf<E>): void;
}

/** One async function per contract channel; the request arrives already validated. */
export type Handlers = {
  [M in InvokeMethod]: (request: ParsedRequestOf<M>, context: HandlerContext) => Promise<ResponseOf<M>>;
};

/** Where a renderer's events go; the Electron shell sends them to the asking webContents. */
export type EventSink = (channel: string, payload: unknown) => void;

const channelToMethod = new Map<string, InvokeMethod>(
  (Object.keys(invokeContract) as InvokeMethod[]).map((method) => [invokeContract[method].channel, method]),
);

/** The channel names every shell must register: exactly the contract's. */
export function contractChannels(): string[] {
  return [...channelToMethod.keys()];
}

function payloadSize(payload: unknown): number | undefined {
  try {
    const json = JSON.stringify(payload);
    return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  } catch {
    return undefined;
  }
}

function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The validated door into main: resolves the channel, bounds and parses the payload, runs
 * the handler, checks the answer against the contract, and turns every failure into a
 * typed error result. It never throws, so a bad message cannot take the main process down.
 */
export function createDispatcher(handlers: Handlers) {
  return async function dispatch(channel: unknown, payload: unknown, sink: EventSink): Promise<Result<unknown>> {
    const method = typeof channel === 'string' ? channelToMethod.get(channel) : undefined;
    if (method === undefined) {
      return fail('unknown-channel', `No such channel: ${typeof channel === 'string' ? channel : typeof channel}.`);
    }
    const size = payloadSize(payload);
    if (size === undefined) {
      return fail('invalid-payload', `The request for ${String(channel)} is not plain data.`);
    }
    if (size > maxPayloadBytes) {
      return fail('payload-too-large', `The request for ${String(channel)} is ${size} bytes; the limit is ${maxPayloadBytes}.`);
    }
    const declared = invokeContract[method];
    const parsed = declared.request.safeParse(payload);
    if (!parsed.success) {
      return fail('invalid-payload', `The request for ${String(channel)} is invalid: ${describeIssues(parsed.error.issues)}.`);
    }
    const context: HandlerContext = {
      emit(event, eventPayload) {
        const declaredEvent = eventContract[event] as { channel: string; payload: { parse(v: unknown): unknown } };
        sink(declaredEvent.channel, declaredEvent.payload.parse(eventPayload));
      },
    };
    try {
      const handler = handlers[method] as (request: unknown, context: HandlerContext) => Promise<unknown>;
      const value = await handler(parsed.data, context);
      // Parsing the answer strips any field the contract does not name, so a secret that
      // slipped into a core object cannot cross to the renderer.
      const checked = declared.response.safeParse(value);
      if (!checked.success) {
        return fail('internal', `The answer for ${String(channel)} broke the contract: ${describeIssues(checked.error.issues)}.`);
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof IpcFailure) return fail(error.code, error.message);
      const message = error instanceof Error ? error.message : String(error);
      return fail('internal', message);
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
