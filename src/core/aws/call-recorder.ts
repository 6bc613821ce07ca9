import { AsyncLocalStorage } from 'node:async_hooks';
import type { HttpResponse } from '@smithy/protocol-http';
import type { DeserializeMiddleware, MetadataBearer, Pluggable } from '@smithy/types';

/** What one HTTP attempt looked like on the wire (an SDK call may make several: retries). */
export interface AttemptRecord {
  service: string;
  operation: string;
  httpStatus?: number;
  /** x-amzn-requestid / x-amz-request-id, when the server sent one. */
  requestId?: string;
  /** The server's Date header, as sent. */
  serverDate?: string;
  /** Local clock when the response arrived, in ms since the epoch. */
  receivedAt: number;
  contentType?: string;
  /** The first bytes of an error response's body, for endpoints the SDK cannot parse. */
  errorBody?: string;
  /** A transport failure (refused, reset, timed out) instead of a response. */
  networkError?: string;
}

/** The attempts made inside one `recordCalls` scope. */
export interface CallLog {
  attempts: AttemptRecord[];
}

const maxBodyBytes = 4096;
const store = new AsyncLocalStorage<CallLog>();

/** Runs `work` with a fresh log that every recorded client call inside it appends to. */
export async function recordCalls<T>(work: () => Promise<T>): Promise<{ log: CallLog; value?: T; error?: unknown }> {
  const log: CallLog = { attempts: [] };
  try {
    const value = await store.run(log, work);
    return { log, value };
  } catch (error) {
    return { log, error };
  }
}

function header(response: HttpResponse, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(response.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

async function readBody(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body && typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    }
    return Buffer.concat(chunks);
  }
  return new Uint8Array();
}

/**
 * A deserialize-step middleware placed inside the SDK's deserializer, so it sees every raw
 * attempt (retries included): status, request id, the Date header (for the clock offset)
 * and, for error responses, the body — which we keep because endpoints that are not AWS
 * answer with bodies the SDK cannot parse, and the body is then the only evidence.
 */
export function callRecorderPlugin(now: () => number): Pluggable<object, MetadataBearer> {
  const middleware: DeserializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const log = store.getStore();
    const base = { service: String(context.clientName ?? '').replace(/Client$/, ''), operation: String(context.commandName ?? '').replace(/Command$/, '') };
    try {
      const result = await next(args);
      if (log) {
        const response = result.response as HttpResponse;
        const record: AttemptRecord = {
          ...base,
          httpStatus: response.statusCode,
          requestId: header(response, 'x-amzn-requestid') ?? header(response, 'x-amz-request-id'),
          serverDate: header(response, 'date'),
          receivedAt: now(),
          contentType: header(response, 'content-type'),
        };
        if (response.statusCode >= 300) {
          const bytes = await readBody(response.body);
          response.body = bytes;
          record.errorBody = new TextDecoder().decode(bytes.subarray(0, maxBodyBytes));
        }
        log.attempts.push(record);
      }
      return result;
    } catch (error) {
      log?.attempts.push({ ...base, receivedAt: now(), networkError: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      throw error;
    }
  };
  return {
    applyToStack(stack) {
      stack.add(middleware, { step: 'deserialize', priority: 'low', name: 'mdbDoctorCallRecorder', override: true });
    },
  };
}
