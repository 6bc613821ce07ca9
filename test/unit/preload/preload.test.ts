import { describe, expect, it, vi } from 'vitest';
import { buildApi } from '../../../src/preload/build-api';
import { apiGlobalName, eventContract, invokeContract } from '../../../src/shared/ipc/contract';
import type { ElectronMock } from '../../helpers/electron-mock';

const electron = vi.hoisted(() => ({ current: null as ElectronMock | null }));
vi.mock('electron', async () => {
  const { createElectronMock } = await import('../../helpers/electron-mock');
  electron.current = createElectronMock();
  return electron.current;
});

describe('the preload bridge', () => {
  it('exposes exactly the contract: one function per channel and stream, nothing else', async () => {
    await import('../../../src/preload/index');
    const expose = electron.current!.contextBridge.exposeInMainWorld;
    expect(expose).toHaveBeenCalledTimes(1);
    const [name, api] = expose.mock.calls[0] as unknown as [string, Record<string, unknown>];
    expect(name).toBe(apiGlobalName);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(invokeContract), ...Object.keys(eventContract)].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call on its own channel with the request as given', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }));
    const api = buildApi({ invoke, on: vi.fn(), removeListener: vi.fn() });
    await api.listProfiles({});
    expect(invoke).toHaveBeenCalledWith('profiles:list', {});
  });

  it('subscribes to a stream and unsubscribes with the function it returns', () => {
    const on = vi.fn();
    const removeListener = vi.fn();
    const api = buildApi({ invoke: vi.fn(), on, removeListener }) as unknown as Record<string, (listener: (payload: unknown) => void) => () => void>;
    const streams = Object.entries(eventContract);
    expect(streams.length).toBeGreaterThan(0);
    for (const [method, declared] of streams) {
      const received: unknown[] = [];
      const unsubscribe = api[method]!((payload) => received.push(payload));
      const [channel, wrapped] = on.mock.calls.at(-1) as [string, (event: unknown, payload: unknown) => void];
      expect(channel).toBe(declared.channel);
      wrapped({ sender: 'ignored' }, { hello: 1 });
      expect(received).toEqual([{ hello: 1 }]);
      unsubscribe();
      expect(removeListener).toHaveBeenCalledWith(declared.channel, wrapped);
    }
  });
});
