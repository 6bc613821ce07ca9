import { apiGlobalName, eventEntries, invokeEntries, type DoctorApi } from '../shared/ipc/contract';

/** The two ipcRenderer calls the bridge needs; the preload passes Electron's, tests a fake. */
export interface IpcRendererPort {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void;
}

/**
 * Builds the renderer's client from the contract: one function per channel and one
 * subscribe function per stream, and nothing else — no ipcRenderer, no generic invoke.
 */
export function buildApi(ipc: IpcRendererPort): DoctorApi {
  const api: Record<string, unknown> = {};
  for (const [method, declared] of invokeEntries()) {
    api[method] = (request: unknown) => ipc.invoke(declared.channel, request);
  }
  for (const [method, declared] of eventEntries()) {
    api[method] = (listener: (payload: unknown) => void) => {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(declared.channel, wrapped);
      return () => ipc.removeListener(declared.channel, wrapped);
    };
  }
  return Object.freeze(api) as DoctorApi;
}

export { apiGlobalName };
