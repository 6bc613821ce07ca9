import { z } from 'zod';
import { eventEntries, invokeContract, invokeEntries, type DoctorApi } from './contract';
import { fail, ipcErrorCodes, type Result } from './result';

/**
 * The browser-mode wire (`mdb-doctor ui`): each invoke channel is `POST /ipc/<channel>` with
 * the request as the JSON body and the dispatcher's envelope as the answer; every event
 * channel arrives on one Server-Sent Events stream as `{channel, payload}`.
 */
export const httpRoutes = { invoke: '/ipc/', events: '/events', download: '/download/' } as const;

/** Names the page that asks, so the server sends a run's events to the page that started it. */
export const clientHeader = 'x-doctor-client';

/** Things only the page can do that the server asks for after an answer (a download). */
export const pageActionsHeader = 'x-doctor-page-actions';

/** A request's client id: random, URL-safe, bounded. */
export const clientIdPattern = /^[A-Za-z0-9_-]{16,64}$/;

/** One message on the event stream. */
const streamMessageSchema = z.object({ channel: z.string(), payload: z.unknown() });

/** What the server may ask the page to do once an answer arrives. */
const pageActionSchema = z.object({
  kind: z.literal('download'),
  url: z.string().regex(/^\/download\/[A-Za-z0-9_-]+$/),
  name: z.string().max(255),
});
export type PageAction = z.infer<typeof pageActionSchema>;

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(ipcErrorCodes), message: z.string() }) }),
]);

/** One HTTP answer as the transport needs it; the page builds it from fetch. */
export interface HttpAnswer {
  status: number;
  /** The body parsed as JSON, or undefined when it was not JSON. */
  body: unknown;
  /** A response header, or null. */
  header(name: string): string | null;
}

/** What the page provides: the network, and the page-side stand-ins for the desktop shell. */
export interface HttpTransportPorts {
  /** Posts a JSON body to a same-origin path. Rejects only when the network fails. */
  post(path: string, body: string, headers: Record<string, string>): Promise<HttpAnswer>;
  /**
   * Opens the event stream; `onMessage` gets each message's data, `onSettled` fires once the
   * stream has opened or failed to. Returns a function that closes the stream.
   */
  openStream(path: string, onMessage: (data: string) => void, onSettled: () => void): () => void;
  /** The page's own clipboard (the desktop app uses the system one from main). */
  copyText(text: string): Promise<void>;
  /** Opens a link the server has allowed in a new tab (the desktop app opens the system browser). */
  openLink(url: string): void;
  /** Starts a download of a same-origin URL under a file name (the desktop app shows a save dialog). */
  download(url: string, name: string): void;
  /** A random id for this page load, see `clientHeader`. */
  clientId: string;
}

function unreachable(path: string, error: unknown): Result<never> {
  const reason = error instanceof Error ? error.message : String(error);
  return fail('internal', `Could not reach mdb-doctor ui (${path}): ${reason}. Is it still running?`);
}

/** Turns an HTTP answer into the contract's envelope; anything else becomes a typed error. */
function readEnvelope(answer: HttpAnswer): Result<unknown> {
  const parsed = envelopeSchema.safeParse(answer.body);
  if (parsed.success) return parsed.data as Result<unknown>;
  return fail('internal', `mdb-doctor ui answered with HTTP ${answer.status} and no result.`);
}

function pageActions(answer: HttpAnswer): PageAction[] {
  const raw = answer.header(pageActionsHeader);
  if (raw === null) return [];
  try {
    const parsed = z.array(pageActionSchema).safeParse(JSON.parse(decodeURIComponent(raw)));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * Builds the same client the preload bridge builds, but over HTTP and SSE: one function per
 * invoke channel and one subscribe function per event channel, and nothing else. Invokes
 * wait until the event stream has settled, so no event of a run they start is missed.
 *
 * Two channels finish in the page, because only the page can do them in a browser: a copy
 * lands on the page's clipboard and an allowed link opens in a new tab, each after the
 * server has validated and allowed the request exactly as it does for the desktop app.
 */
export function buildHttpApi(ports: HttpTransportPorts): DoctorApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let settle: () => void = () => undefined;
  const streamSettled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  ports.openStream(
    `${httpRoutes.events}?client=${encodeURIComponent(ports.clientId)}`,
    (data) => {
      let message: z.infer<typeof streamMessageSchema>;
      try {
        message = streamMessageSchema.parse(JSON.parse(data));
      } catch {
        return;
      }
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
    },
    () => settle(),
  );

  async function call(channel: string, request: unknown): Promise<Result<unknown>> {
    await streamSettled;
    const path = `${httpRoutes.invoke}${encodeURIComponent(channel)}`;
    let answer: HttpAnswer;
    try {
      answer = await ports.post(path, JSON.stringify(request ?? null), { 'content-type': 'application/json', [clientHeader]: ports.clientId });
    } catch (error) {
      return unreachable(path, error);
    }
    for (const action of pageActions(answer)) ports.download(action.url, action.name);
    return readEnvelope(answer);
  }

  const api: Record<string, unknown> = {};
  for (const [method, declared] of invokeEntries()) {
    api[method] = (request: unknown) => call(declared.channel, request);
  }
  api.copyText = async (request: { text: string }) => {
    const result = await call(invokeContract.copyText.channel, request);
    if (!result.ok) return result;
    try {
      await ports.copyText(request.text);
      return result;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail('refused', `The browser did not allow copying (${reason}); select the text and copy it by hand.`);
    }
  };
  api.openExternal = async (request: { url: string }) => {
    const result = await call(invokeContract.openExternal.channel, request);
    if (result.ok) ports.openLink(request.url);
    return result;
  };
  for (const [method, declared] of eventEntries()) {
    api[method] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(declared.channel) ?? new Set();
      set.add(listener);
      listeners.set(declared.channel, set);
      return () => set.delete(listener);
    };
  }
  return Object.freeze(api) as DoctorApi;
}
