import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { DiagnosisReport, DiagnosisRequest, ProbeResult } from '../../shared/model/diagnosis';
import { resolveEndpoint, type AwsService, type EndpointSource } from '../aws/endpoints';
import { describeProxyRoute, pickProxyEnv, proxyRouteFor, type ProxyRoute } from '../aws/proxy-route';
import type { HostEnvironment } from '../host';
import type { Facts, TargetFact } from './facts';
import type { ProbeDefinition } from './probe';
import { loadProfileContext, type ProfileContext } from './profile-context';
import { Redactor } from './redact';
import { buildReport } from './report';
import { makeCause } from './causes';
import { DeadlineExceeded, noAnswerByDeadline, runPlan } from './runner';

/** Progress of a run, already redacted. */
export type ProbeProgress =
  { type: 'probe-started'; probeId: string; step: ProbeDefinition['step']; title: string } | { type: 'probe-finished'; result: ProbeResult };

/** How to run a diagnosis. */
export interface DiagnoseOptions {
  signal?: AbortSignal;
  onProgress?(event: ProbeProgress): void;
  /**
   * The plan: core/probes' defaultProbes in the app, a part of it in tests. Passed in by the
   * caller (the composition root) so that the engine does not depend on the probes it runs.
   */
  probes: readonly ProbeDefinition[];
  /** Per-probe time limit (default 20 s). */
  probeTimeoutMs?: number;
  /**
   * The whole run's limit: past it the diagnosis ends with what it has and names the
   * endpoints that did not answer (none when absent).
   */
  deadlineMs?: number;
  /** A connection pool shared across runs (a fleet), the retry bound and the request timeout. */
  transport?: { requestHandler?: NodeHttpHandler; maxAttempts?: number; requestTimeoutMs?: number };
  /** Parallel calls of the region scan (default 20: every MemoryDB region of a partition at once). */
  scanConcurrency?: number;
}

/** A finished run: the redacted report and the plan's critical path in round trips. */
export interface DiagnosisRun {
  report: DiagnosisReport;
  criticalPathRoundTrips: number;
}

const services: AwsService[] = ['sts', 'iam', 'memorydb', 'account'];

/** The effective region: the request's, else the SDK's (AWS_REGION, then the files), else AWS_DEFAULT_REGION that the AWS CLI reads. */
function effectiveRegion(host: HostEnvironment, request: DiagnosisRequest, profile: ProfileContext): { region: string | null; source: string | null } {
  if (request.region) return { region: request.region, source: 'the --region option' };
  if (profile.fileRegion) return { region: profile.fileRegion.value.trim(), source: profile.fileRegion.source };
  // No profile at all (a CI runner): the SDK still reads AWS_REGION.
  if (host.env.AWS_REGION?.trim()) return { region: host.env.AWS_REGION.trim(), source: 'AWS_REGION' };
  if (host.env.AWS_DEFAULT_REGION?.trim())
    return { region: host.env.AWS_DEFAULT_REGION.trim(), source: 'AWS_DEFAULT_REGION (the AWS CLI reads it; the JavaScript SDK does not)' };
  return { region: null, source: null };
}

/** AWS_USE_FIPS_ENDPOINT / use_fips_endpoint and the dual-stack pair, environment first, as the SDK reads them. */
function endpointVariant(host: HostEnvironment, profile: ProfileContext): { useFipsEndpoint: boolean; useDualstackEndpoint: boolean } {
  const flag = (variable: string, key: string) => (host.env[variable] ?? profile.settings[key] ?? 'false').trim().toLowerCase() === 'true';
  return {
    useFipsEndpoint: flag('AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint'),
    useDualstackEndpoint: flag('AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint'),
  };
}

function describeEndpointSource(source: EndpointSource, profile: ProfileContext): string {
  if (source.kind === 'env') return source.variable;
  const header = profile.name === 'default' ? '[default]' : `[profile ${profile.name}]`;
  if (source.kind === 'profile') return `endpoint_url in ${header} of ${profile.files.config}`;
  return `[services ${source.section}] in ${profile.files.config}`;
}

const awsOwnEndpoint = (service: AwsService, region: string) =>
  service === 'iam' ? 'https://iam.amazonaws.com' : `https://${service}.${region}.amazonaws.com`;

/** The URL a call to `service` in `region` goes to: the configured endpoint, else AWS's own. */
export function endpointOfCall(target: TargetFact, service: AwsService, region: string): string {
  return target.endpoints[service] ?? awsOwnEndpoint(service, region);
}

/** The proxy a call to `service` in `region` goes through (HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY), or null. */
export function proxyOfCall(target: TargetFact, service: AwsService, region: string): ProxyRoute | null {
  try {
    return proxyRouteFor(endpointOfCall(target, service, region), target.transport.proxyEnv);
  } catch {
    // Not a URL: a malformed endpoint_url is reported by the profile checks.
    return null;
  }
}

/** Where a call to `service` in `region` goes, which setting sent it there, and the proxy it goes through. */
export function describeEndpoint(target: TargetFact, service: AwsService, region: string): string {
  const url = target.endpoints[service];
  const where = url ? `${url} (from ${target.endpointSources?.[service] ?? 'the configuration'})` : `${awsOwnEndpoint(service, region)} (AWS's own endpoint)`;
  return `${where}${describeProxyRoute(proxyOfCall(target, service, region))}`;
}

/** The target of a run: the profile, the region and the endpoints every client will use. */
export async function resolveTarget(
  host: HostEnvironment,
  request: DiagnosisRequest,
  options: Pick<DiagnoseOptions, 'transport' | 'scanConcurrency'> = {},
): Promise<TargetFact> {
  const profile = await loadProfileContext(host, request.profile);
  const { region, source } = effectiveRegion(host, request, profile);
  const endpoints: TargetFact['endpoints'] = {};
  const endpointSources: NonNullable<TargetFact['endpointSources']> = {};
  for (const service of services) {
    const resolved = resolveEndpoint(service, host.env, { profile: profile.settings, configSections: profile.configSections });
    if (resolved) endpoints[service] = resolved.url;
    if (resolved) endpointSources[service] = describeEndpointSource(resolved.source, profile);
  }
  return {
    profile,
    region,
    regionSource: source,
    cluster: request.cluster ?? null,
    user: request.user ?? null,
    signIn: request.signIn ?? 'unknown',
    endpoints,
    endpointSources,
    transport: { ...endpointVariant(host, profile), proxyEnv: pickProxyEnv(host.env), ...options.transport },
    scanConcurrency: options.scanConcurrency ?? 20,
  };
}

/**
 * Diagnoses one profile: runs the plan, streams redacted progress, and returns the ranked,
 * redacted report. Never throws for what it finds; throws only when it cannot start
 * (e.g. the AWS files cannot be read at all).
 */
export async function diagnose(host: HostEnvironment, request: DiagnosisRequest, options: DiagnoseOptions): Promise<DiagnosisRun> {
  const startedAt = host.now();
  const began = performance.now();
  const target = await resolveTarget(host, request, options);
  const redactor = new Redactor();
  redactor.add(host.env.AWS_SECRET_ACCESS_KEY, host.env.AWS_SESSION_TOKEN);
  const learn = (facts: Readonly<Partial<Facts>>) => {
    const credentials = facts.credentials?.credentials;
    if (credentials) redactor.add(credentials.secretAccessKey, credentials.sessionToken);
  };
  const initial: Partial<Facts> = { target };
  const controller = new AbortController();
  const stop = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  const deadlineMs = options.deadlineMs;
  const timer = deadlineMs === undefined ? undefined : setTimeout(() => controller.abort(new DeadlineExceeded(deadlineMs)), deadlineMs);
  const run = await runPlan(options.probes, initial, {
    signal: controller.signal,
    describeEndpoint: (service, region) => describeEndpoint(target, service, region),
    host,
    defaultTimeoutMs: options.probeTimeoutMs ?? 20_000,
    onProbeStarted: (probe) => options.onProgress?.({ type: 'probe-started', probeId: probe.id, step: probe.step, title: probe.title }),
    onProbeFinished: (result, facts) => {
      learn(facts);
      options.onProgress?.({ type: 'probe-finished', result: redactor.deep(result) });
    },
  });
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', stop);
  learn(run.facts);
  run.facts.credentials?.session.destroy();
  const deadlinePassed = controller.signal.reason instanceof DeadlineExceeded;
  const silent = deadlinePassed ? run.results.flatMap((result) => result.evidence.filter((item) => item.label.startsWith(noAnswerByDeadline))) : [];
  if (silent.length > 0) {
    const first = silent[0]!.label.slice(noAnswerByDeadline.length);
    run.causes.push(
      makeCause('endpoint.no-answer', `No answer within the ${deadlineMs! / 1000} s deadline: ${first}. The diagnosis ended with what it had.`, silent, [
        {
          kind: 'copy-command',
          label: 'Check that the endpoint answers at all (a wrong endpoint_url, a firewall or a proxy that swallows requests)',
          command: `curl -sS -m 5 -o /dev/null -w '%{http_code}\\n' ${/https?:\/\/\S+/.exec(first)?.[0] ?? 'https://sts.amazonaws.com'}`,
        },
      ]),
    );
  }
  const plan = options.probes;
  const report = buildReport({
    optionalProbeIds: new Set(plan.filter((probe) => probe.optional).map((probe) => probe.id)),
    results: run.results,
    causes: run.causes,
    facts: run.facts,
    cancelled: run.cancelled && !deadlinePassed,
    startedAt,
    durationMs: performance.now() - began,
  });
  return { report: redactor.deep(report), criticalPathRoundTrips: run.criticalPathRoundTrips };
}
