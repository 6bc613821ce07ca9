import type { Server } from 'node:http';
import { DEFAULT_KNOBS, checkKnobs, type SimulatorKnobs } from './knobs';
import { startServer, type RequestLogEntry } from './server';
import type { ServiceDefinition } from './service';
import { accountApi } from './services/account';
import { iam } from './services/iam';
import { memorydb } from './services/memorydb';
import { sts } from './services/sts';
import { SimWorld } from './world';
import { SsoDirectory } from './sso-directory';

export type { SimulatorKnobs } from './knobs';
export type { RequestLogEntry } from './server';
export { SimWorld } from './world';
export { SsoDirectory } from './sso-directory';

/** Start-up options; every field except `port` is also a runtime knob. */
export interface SimulatorOptions {
  port?: number;
  latencyMs?: number;
  throttlePerSecond?: number;
  faultRate?: number;
  propagationDelayMs?: number;
  clockOffsetMs?: number;
  nonAws?: boolean;
  seed?: number;
  jsonErrorStyle?: SimulatorKnobs['jsonErrorStyle'];
  dropAnswers?: SimulatorKnobs['dropAnswers'];
}

/** A simulator that is listening. */
export interface RunningSimulator {
  /** Base URL, e.g. http://127.0.0.1:43123 — use as `endpoint` / `endpoint_url`. */
  endpoint: string;
  /** Mutable at runtime; per-account overrides live in `world.accounts.get(id).knobs`. */
  knobs: SimulatorKnobs;
  world: SimWorld;
  /** IAM Identity Center: instances, and the person's side of sign-ins (approve, deny, expire, slowDown). */
  sso: SsoDirectory;
  requestLog: ReadonlyArray<RequestLogEntry>;
  stop(): Promise<void>;
}

const SERVICES: Readonly<Record<string, ServiceDefinition>> = { sts, iam, memorydb, account: accountApi };

/** Starts a simulator with an empty world on 127.0.0.1 (a free port unless `port` is given). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const { port, ...knobOptions } = options;
  checkKnobs(knobOptions);
  const knobs: SimulatorKnobs = { ...DEFAULT_KNOBS, ...Object.fromEntries(Object.entries(knobOptions).filter(([, v]) => v !== undefined)) };
  const now = (): number => Date.now();
  const world = new SimWorld(now);
  const log: RequestLogEntry[] = [];
  const sso = new SsoDirectory(now);
  const { server, port: bound } = await startServer({ world, knobs, services: SERVICES, log, now, sso }, port ?? 0);
  sso.baseUrl = `http://127.0.0.1:${bound}`;
  return { endpoint: sso.baseUrl, knobs, world, sso, requestLog: log, stop: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
