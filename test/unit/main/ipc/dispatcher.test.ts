import { describe, expect, it } from 'vitest';
import { contractChannels, createDispatcher, type Handlers } from '../../../../src/main/ipc/dispatcher';
import { invokeContract, maxPayloadBytes, type InvokeMethod } from '../../../../src/shared/ipc/contract';
import { IpcFailure } from '../../../../src/shared/ipc/result';
import { contractSamples } from '../../../helpers/contract-samples';
import { sampleHandlers } from '../../../helpers/fake-handlers';

const noEvents = () => undefined;
const methods = Object.keys(invokeContract) as InvokeMethod[];

describe('the validated IPC door', () => {
  it.each(methods)('round-trips a valid %s request and response', async (method) => {
    const { handlers, received } = sampleHandlers();
    const dispatch = createDispatcher(handlers);
    const sample = contractSamples[method];
    const result = await dispatch(invokeContract[method].channel, sample.request, noEvents);
    expect(result).toEqual({ ok: true, value: sample.response });
    expect(received).toEqual([{ method, request: sample.request }]);
  });

  it('exposes exactly the contract channels, each once', () => {
    const channels = contractChannels();
    expect(new Set(channels).size).toBe(channels.length);
    expect(channels.sort()).toEqual(methods.map((method) => invokeContract[method].channel).sort());
  });

  it('refuses an unknown channel with a typed error', async () => {
    const dispatch = createDispatcher(sampleHandlers().handlers);
    expect(await dispatch('fs:read-anything', {}, noEvents)).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'No such channel: fs:read-anything.' },
    });
    expect(await dispatch(42, {}, noEvents)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an array', [1, 2]],
    ['extra keys', { sneaky: true }],
  ])('refuses a malformed payload (%s) without calling the handler', async (_label, payload) => {
    const { handlers, received } = sampleHandlers();
    const result = await createDispatcher(handlers)(invokeContract.listProfiles.channel, payload, noEvents);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(received).toHaveLength(0);
  });

  it('refuses an oversized payload before parsing it', async () => {
    const { handlers, received } = sampleHandlers();
    const huge = { blob: 'x'.repeat(maxPayloadBytes + 1) };
    const result = await createDispatcher(handlers)(invokeContract.getAppInfo.channel, huge, noEvents);
    expect(result).toMatchObject({ ok: false, error: { code: 'payload-too-large' } });
    expect(received).toHaveLength(0);
  });

  it('refuses a payload that is not plain data', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const result = await createDispatcher(sampleHandlers().handlers)(invokeContract.getAppInfo.channel, cyclic, noEvents);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('turns a throwing handler into a typed error with no stack', async () => {
    const { handlers } = sampleHandlers();
    const failing: Handlers = {
      ...handlers,
      listProfiles: async () => {
        throw new Error('disk on fire');
      },
      getAppInfo: async () => {
        throw new IpcFailure('refused', 'Not today.');
      },
    };
    const dispatch = createDispatcher(failing);
    const crashed = await dispatch(invokeContract.listProfiles.channel, {}, noEvents);
    expect(crashed).toEqual({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
    expect(JSON.stringify(crashed)).not.toContain('at ');
    expect(await dispatch(invokeContract.getAppInfo.channel, {}, noEvents)).toEqual({
      ok: false,
      error: { code: 'refused', message: 'Not today.' },
    });
    // The door still works after failures.
    expect(await createDispatcher(handlers)(invokeContract.getAppInfo.channel, {}, noEvents)).toMatchObject({ ok: true });
  });

  it('strips fields the contract does not name from an answer, so a stray secret cannot cross', async () => {
    const { handlers } = sampleHandlers();
    const leaky: Handlers = {
      ...handlers,
      getAppInfo: async () => ({ ...contractSamples.getAppInfo.response, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
    };
    const result = await createDispatcher(leaky)(invokeContract.getAppInfo.channel, {}, noEvents);
    expect(JSON.stringify(result)).not.toContain('wJalrXUtnFEMI');
  });

  it('reports an answer that breaks the contract as an internal error', async () => {
    const { handlers } = sampleHandlers();
    const broken = { ...handlers, getAppInfo: async () => ({ name: 7 }) } as unknown as Handlers;
    const result = await createDispatcher(broken)(invokeContract.getAppInfo.channel, {}, noEvents);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
