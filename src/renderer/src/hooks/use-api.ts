import { createContext, useContext } from 'react';
import { apiGlobalName, type DoctorApi } from '../../../shared/ipc/contract';

/** The bridge the preload exposes; tests provide their own through ApiProvider. */
export const ApiContext = createContext<DoctorApi | null>(null);

/** The window's bridge, or null when the page runs outside the app (then the UI says so). */
export function windowApi(): DoctorApi | null {
  const candidate = (window as unknown as Record<string, unknown>)[apiGlobalName];
  return candidate ? (candidate as DoctorApi) : null;
}

/** The typed client for every contract channel. */
export function useApi(): DoctorApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('The app bridge is missing: the page must be opened by the app.');
  return api;
}
