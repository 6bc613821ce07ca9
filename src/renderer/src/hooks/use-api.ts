import { createContext, useContext } from 'react';
import { apiGlobalName, type DoctorApi } from '../../../shared/ipc/contract';
import { browserApi } from './browser-api';

/** The bridge the preload exposes; tests provide their own through ApiProvider. */
export const ApiContext = createContext<DoctorApi | null>(null);

/**
 * The page's client: the preload bridge in the desktop app, the HTTP transport when
 * `mdb-doctor ui` serves the page, or null when neither (then the UI says so). Nothing
 * below this function knows which one it got.
 */
export function windowApi(): DoctorApi | null {
  const candidate = (window as unknown as Record<string, unknown>)[apiGlobalName];
  return candidate ? (candidate as DoctorApi) : browserApi();
}

/** The typed client for every contract channel. */
export function useApi(): DoctorApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('The app bridge is missing: the page must be opened by the app.');
  return api;
}
