import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type HandlerContext, type Handlers } from '../../../src/main/ipc/dispatcher';
import { buildApi } from '../../../src/preload/build-api';
import { eventContract, invokeContract, type DoctorApi, type EventMethod, type InvokeMethod } from '../../../src/shared/ipc/contract';
import { contractSamples, eventSamples } from '../../helpers/contract-samples';
import { sampleHandlers } from '../../helpers/fake-handlers';
import { httpApi, pageHeaders, raw, signIn, startTestServer } from './ui-support';

/** Handlers answering with the samples; starting a diagnosis also sends one sample on every stream. */
function handlersWithEvents(): Handlers {
  const { handlers } = sampleHandlers();
  return {
    ...handlers,
    async startDiagnosis(_request, context: HandlerContext) {
      for (const method of Object.keys(eventSamples) as EventMethod[]) context.emit(method, eventSamples[method] as never);
      return contractSamples.startDiagnosis.response;
    },
  };
}

/** The desktop path: the preload bridge over a fake ipcRenderer wired to the dispatcher, as register.ts does. */
function preloadApi(handlers: Handlers): DoctorApi {
  const dispatch = createDispatcher(handlers);
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return buildApi({
    invoke: (channel, payload) =>
      dispatch(channel, payload, (eventChannel, eventPayload) => listeners.get(eventChannel)?.forEach((listener) => listener({}, eventPayload))),
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  });
}

describe('the contract over HTTP and SSE behaves exactly as over the preload bridge', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(handlers: Handlers) {
    const server = await startTestServer(handlers);
    cleanups.push(() => server.close());
    const cookie = await signIn(server);
    return { server, cookie };
  }

  it('every invoke channel round-trips its sample to the same answer', async () => {
    const handlers = handlersWithEvents();
    const { server, cookie } = await setUp(handlers);
    const page = { copied: [] as string[], opened: [] as string[] };
    const browser = httpApi(server, cookie, 'parity-client-0000000001', page);
    cleanups.push(browser.close);
    const desktop = preloadApi(handlers);
    for (const method of Object.keys(invokeContract) as InvokeMethod[]) {
      const request = contractSamples[method].request;
      const call = (api: DoctorApi) => (api[method] as (request: unknown) => Promise<unknown>)(request);
      const overHttp = await call(browser.api);
      expect(overHttp, method).toEqual(await call(desktop));
      expect(overHttp, method).toEqual({ ok: true, value: contractSamples[method].response });
    }
    // The page does what the desktop shell does in the app: copy to its clipboard, open the link.
    expect(page.copied).toEqual([contractSamples.copyText.request.text]);
    expect(page.opened).toEqual([contractSamples.openExternal.request.url]);
  });

  it('every event channel arrives over SSE, to the page that started the work only', async () => {
    const handlers = handlersWithEvents();
    const { server, cookie } = await setUp(handlers);
    const asking = httpApi(server, cookie, 'parity-client-0000000002');
    const other = httpApi(server, cookie, 'parity-client-0000000003');
    cleanups.push(asking.close, other.close);
    const desktop = preloadApi(handlers);

    const subscribe = (api: DoctorApi, into: Array<[string, unknown]>) =>
      (Object.keys(eventContract) as EventMethod[]).map((method) =>
        (api[method] as (listener: (payload: unknown) => void) => () => void)((payload) => into.push([method, payload])),
      );
    const overSse: Array<[string, unknown]> = [];
    let allArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      allArrived = resolve;
    });
    const elsewhere: Array<[string, unknown]> = [];
    const overIpc: Array<[string, unknown]> = [];
    subscribe(asking.api, overSse);
    (Object.keys(eventContract) as EventMethod[]).forEach((method) =>
      (asking.api[method] as (listener: () => void) => () => void)(() => {
        if (overSse.length === Object.keys(eventSamples).length) allArrived();
      }),
    );
    subscribe(other.api, elsewhere);
    subscribe(desktop, overIpc);

    await desktop.startDiagnosis(contractSamples.startDiagnosis.request);
    expect(overIpc).toEqual(Object.entries(eventSamples));
    await other.api.getAppInfo({});
    await asking.api.startDiagnosis(contractSamples.startDiagnosis.request);
    await arrived;
    expect(overSse).toEqual(overIpc);
    // The other page's stream was open before the events and carried none of them.
    await other.api.getAppInfo({});
    expect(elsewhere).toEqual([]);
  });

  it('a malformed body gets the same typed error as the IPC path', async () => {
    const handlers = handlersWithEvents();
    const { server, cookie } = await setUp(handlers);
    const browser = httpApi(server, cookie, 'parity-client-0000000004');
    cleanups.push(browser.close);
    const desktop = preloadApi(handlers);

    const wrongShape = { profile: 42, extra: true };
    const viaIpc = await desktop.startDiagnosis(wrongShape as never);
    expect(viaIpc).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await browser.api.startDiagnosis(wrongShape as never)).toEqual(viaIpc);

    const notJson = await raw(`${server.origin}/ipc/diagnosis:start`, { method: 'POST', body: '{"profile": ', headers: pageHeaders(server, cookie) });
    expect(JSON.parse(notJson.text)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const unknown = await raw(`${server.origin}/ipc/no:such-channel`, { method: 'POST', body: '{}', headers: pageHeaders(server, cookie) });
    expect(JSON.parse(unknown.text)).toEqual(await createDispatcher(handlers)('no:such-channel', {}, () => undefined));
  });
});
