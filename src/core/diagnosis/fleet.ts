import { BoundedHttpHandler } from '../aws/bounded-http-handler';
import { pickProxyEnv, type ProxyEnv } from '../aws/proxy-route';
import pLimit from 'p-limit';
import type { DiagnosisRequest } from '../../shared/model/diagnosis';
import type { HostEnvironment } from '../host';
import type { ProbeDefinition } from './probe';
import { diagnose, type DiagnoseOptions, type DiagnosisRun } from './diagnose';

/** One profile of a fleet: the host it lives on and what to diagnose. */
export interface FleetMember {
  host: HostEnvironment;
  request: DiagnosisRequest;
}

/** How a fleet runs. */
export interface FleetOptions {
  /** The plan every member runs (core/probes' defaultProbes in the app). */
  probes: readonly ProbeDefinition[];
  /** Profiles diagnosed at once (default 25); bounds memory, since each holds its clients and results. */
  concurrency?: number;
  /** Open connections across the fleet (default 256). */
  maxSockets?: number;
  signal?: AbortSignal;
  probeTimeoutMs?: number;
  /** The machine's proxy variables for the shared pool (default: those of the first member's host). */
  proxyEnv?: ProxyEnv;
}

/**
 * Diagnoses many profiles at once over one connection pool, a bounded number at a time.
 * Results come back in the order of `members`.
 */
export async function diagnoseFleet(members: readonly FleetMember[], options: FleetOptions): Promise<DiagnosisRun[]> {
  const maxSockets = options.maxSockets ?? 256;
  const requestHandler = new BoundedHttpHandler({
    agentOptions: { keepAlive: true, maxSockets },
    proxyEnv: options.proxyEnv ?? pickProxyEnv(members[0]?.host.env ?? {}),
    connectionTimeout: 5_000,
    requestTimeout: 15_000,
  });
  const limit = pLimit(Math.max(1, options.concurrency ?? 25));
  const shared: DiagnoseOptions = { probes: options.probes, transport: { requestHandler }, signal: options.signal, probeTimeoutMs: options.probeTimeoutMs };
  try {
    return await Promise.all(members.map((member) => limit(() => diagnose(member.host, member.request, shared))));
  } finally {
    requestHandler.destroy();
  }
}
