import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authError, authenticate, type AuthDialect } from './auth';
import { RateLimiter, seededRandom, takeDroppedAnswer, type SimulatorKnobs } from './knobs';
import { accessDeniedMessage, evaluate } from './policy';
import { callerArn, callerContext, callerPolicies } from './principal';
import type { OperationContext, ServiceDefinition } from './service';
import { parseSignature, type ReceivedRequest } from './sigv4';
import { SimError, foreignHtmlPage, foreignXmlError, jsonError, queryError, queryResult, type WireResponse, type XmlValue } from './wire';
import { MEMORYDB_REGIONS, type Caller, type SimAccount, type SimWorld } from './world';
import type { SsoDirectory } from './sso-directory';
import { ssoOidcResponse } from './services/sso-oidc';
import { ssoPortalResponse } from './services/sso-portal';

/** One line of the request log tests read. */
export interface RequestLogEntry {
  service: string;
  operation: string;
  region: string;
  accessKeyId: string | null;
  status: number;
  errorCode: string | null;
  at: number;
  /** The client's User-Agent, so tests can check who called (SDKs and the CLI name themselves there). */
  userAgent: string | null;
}

/** What the HTTP layer needs; `services` is keyed by SigV4 signing name. */
export interface ServerDeps {
  world: SimWorld;
  knobs: SimulatorKnobs;
  services: Readonly<Record<string, ServiceDefinition>>;
  log: RequestLogEntry[];
  /** True time source (tests may shift it). */
  now: () => number;
  /** IAM Identity Center: its OIDC and portal operations are unsigned and routed by path. */
  sso?: SsoDirectory;
}

const MAX_BODY_BYTES = 1_048_576;
/** Operations that only STS has, to route an unsigned query request to the right error dialect. */
const STS_ACTIONS = new Set([
  'GetCallerIdentity',
  'GetSessionToken',
  'AssumeRole',
  'AssumeRoleWithWebIdentity',
  'AssumeRoleWithSAML',
  'GetFederationToken',
  'DecodeAuthorizationMessage',
  'GetAccessKeyInfo',
]);
const REST_JSON_ROUTES: Readonly<Record<string, { service: string; operation: string }>> = {
  '/getRegionOptStatus': { service: 'account', operation: 'GetRegionOptStatus' },
};

/** What a typical non-AWS lookalike endpoint lacks; in `nonAws` mode these answer an HTML 500 page. */
const NON_AWS_MISSING = new Set(['SimulatePrincipalPolicy', 'GetRegionOptStatus']);

interface Routed {
  service: ServiceDefinition;
  operation: string;
  params: Record<string, string>;
  input: Record<string, unknown>;
}

class Exchange {
  readonly requestId = randomUUID();
  account: SimAccount | undefined;
  constructor(
    readonly deps: ServerDeps,
    readonly random: () => number,
  ) {}

  serverNow(account = this.account): Date {
    return new Date(this.deps.now() + this.deps.knobs.clockOffsetMs + (account?.knobs.clockOffsetMs ?? 0));
  }
}

function dialectOf(service: ServiceDefinition): AuthDialect {
  return service.protocol;
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

/** Works out service and operation from the signature scope, then the target header, path or Action. */
function route(request: ReceivedRequest, scopeService: string | undefined, services: ServerDeps['services']): Routed | SimError {
  const target = request.headers['x-amz-target'];
  const rest = REST_JSON_ROUTES[request.path];
  const formParams: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.query)) if (!key.startsWith('X-Amz-')) formParams[key] = Array.isArray(value) ? value[0]! : value;
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) formParams[key] = value;
  }
  const action = formParams['Action'];
  const guessed = scopeService ?? (target ? 'memorydb' : rest ? rest.service : action && STS_ACTIONS.has(action) ? 'sts' : 'iam');
  const service = services[guessed];
  if (!service) {
    return new SimError('InvalidAction', 400, `The simulator does not serve the '${guessed}' service (signing name from the credential scope).`);
  }
  if (service.protocol === 'query') {
    if (!action) return new SimError('MissingAction', 400, 'Missing Action');
    return { service, operation: action, params: formParams, input: {} };
  }
  let operation: string | undefined;
  if (service.protocol === 'json') {
    const [prefix, name] = (target ?? '').split('.');
    operation = prefix === service.targetPrefix && name ? name : undefined;
  } else {
    operation = rest?.service === guessed ? rest.operation : undefined;
  }
  let input: Record<string, unknown> = {};
  if (request.body.length > 0) {
    try {
      const parsed: unknown = JSON.parse(request.body.toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) input = parsed as Record<string, unknown>;
    } catch {
      return new SimError('SerializationException', 400, 'Start of structure or map found where not expected.', 'Sender');
    }
  }
  return { service, operation: operation ?? '', params: {}, input };
}

function render(
  service: ServiceDefinition | undefined,
  operation: string,
  outcome: { result: unknown } | { error: SimError },
  exchange: Exchange,
): WireResponse {
  const headers: Record<string, string> = { 'x-amzn-RequestId': exchange.requestId, date: exchange.serverNow().toUTCString() };
  const protocol = service?.protocol ?? 'query';
  if ('error' in outcome) {
    const error = outcome.error;
    if (exchange.deps.knobs.nonAws && protocol !== 'query') {
      return { status: error.status, headers: { ...headers, 'content-type': 'application/xml' }, body: foreignXmlError(error, exchange.requestId) };
    }
    if (protocol === 'query') {
      return {
        status: error.status,
        headers: { ...headers, 'content-type': 'text/xml' },
        body: queryError(service?.namespace ?? 'https://iam.amazonaws.com/doc/2010-05-08/', error, exchange.requestId),
      };
    }
    const { body, errorTypeHeader } = jsonError(error, exchange.deps.knobs.jsonErrorStyle);
    return {
      status: error.status,
      headers: { ...headers, 'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json', 'x-amzn-ErrorType': errorTypeHeader },
      body,
    };
  }
  if (protocol === 'query') {
    return {
      status: 200,
      headers: { ...headers, 'content-type': 'text/xml' },
      body: queryResult(service!.namespace, operation, outcome.result as Record<string, XmlValue> | null, exchange.requestId),
    };
  }
  return {
    status: 200,
    headers: { ...headers, 'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json' },
    body: JSON.stringify(outcome.result ?? {}),
  };
}

function authorizer(deps: ServerDeps, service: ServiceDefinition, caller: Caller, region: string, now: Date): OperationContext['authorize'] {
  return (action, resource, resourceText) => {
    const decision = evaluate(callerPolicies(deps.world, caller), action, resource, callerContext(caller, region, now));
    if (decision.decision === 'allowed') return;
    if (caller.account.knobs.queryStyleErrors && service.protocol === 'json')
      throw new SimError('NotAuthorized', 400, 'You do not have permission to perform this action.');
    const status = service.accessDeniedCode === 'AccessDenied' ? 403 : service.protocol === 'json' ? 400 : 403;
    const message = accessDeniedMessage(callerArn(caller), action, resourceText ?? resource, decision, caller.account.knobs.plainAccessDenied);
    throw new SimError(service.accessDeniedCode, status, message);
  };
}

/** A query-style MemoryDB front end names a disabled opt-in region OptInRequired (MemoryDB CommonErrors). */
function optInRequired(deps: ServerDeps, service: ServiceDefinition, account: SimAccount | undefined, region: string, error: SimError): boolean {
  return (
    service.protocol === 'json' &&
    account?.knobs.queryStyleErrors === true &&
    error.code === 'UnrecognizedClientException' &&
    !deps.world.regionEnabled(account.id, region)
  );
}

/** Temporary credentials from GetSessionToken without MFA cannot call IAM (docs/aws-behaviour.md §1.3, sts model doc). */
function sessionMayCall(caller: Caller, service: ServiceDefinition): boolean {
  return !(service.signingName === 'iam' && caller.session?.issuedBy === 'GetSessionToken' && !caller.session.mfaAuthenticated);
}

/** `drop`: no endpoint, the connection fails; `drop-answer`: the operation ran, then its answer was lost. */
type Dropped = 'drop' | 'drop-answer';

async function processRequest(deps: ServerDeps, exchange: Exchange, request: ReceivedRequest, entry: RequestLogEntry): Promise<WireResponse | Dropped> {
  const parsed = parseSignature(request);
  const signed = 'kind' in parsed ? undefined : parsed;
  const routed = route(request, signed?.service, deps.services);
  if (routed instanceof SimError) return render(undefined, '', { error: routed }, exchange);
  const { service, operation } = routed;
  entry.service = service.signingName;
  entry.operation = operation;
  const region = service.homeRegion ?? signed?.region ?? 'us-east-1';
  entry.region = region;
  entry.accessKeyId = signed?.accessKeyId ?? null;
  const fail = (error: SimError): WireResponse => render(service, operation, { error }, exchange);
  // A region MemoryDB does not serve has no endpoint: the client's connection fails.
  if (service.signingName === 'memorydb' && !MEMORYDB_REGIONS.includes(region) && !deps.knobs.nonAws) return 'drop';
  if ('kind' in parsed) return fail(authError(dialectOf(service), parsed.kind, parsed.kind === 'incomplete' ? parsed.message : undefined));
  if (!service.operations[operation] || (deps.knobs.nonAws && NON_AWS_MISSING.has(operation))) {
    if (deps.knobs.nonAws) return { status: 500, headers: { 'content-type': 'text/html' }, body: foreignHtmlPage(500, 'Internal Server Error') };
    return fail(
      service.protocol === 'query'
        ? new SimError('InvalidAction', 400, `Could not find operation ${operation} for version ${service.version}`)
        : new SimError('UnknownOperationException', 400, ''),
    );
  }
  let caller: Caller;
  try {
    caller = await authenticate({
      world: deps.world,
      dialect: dialectOf(service),
      request,
      parsed,
      region,
      trueNow: deps.now(),
      serverClock: (account) => exchange.serverNow(account),
      skewWindowMinutes: service.protocol === 'query' ? 15 : 5,
    });
  } catch (error) {
    const account = deps.world.findKey(parsed.accessKeyId)?.accountId ?? deps.world.sessions.get(parsed.accessKeyId)?.accountId;
    exchange.account = account ? deps.world.accounts.get(account) : undefined;
    if (error instanceof SimError && optInRequired(deps, service, exchange.account, region, error)) {
      return fail(new SimError('OptInRequired', 403, 'The AWS access key ID needs a subscription for the service.'));
    }
    if (error instanceof SimError) return fail(error);
    throw error;
  }
  exchange.account = caller.account;
  if (!sessionMayCall(caller, service)) return fail(authError(dialectOf(service), 'unknown-key'));
  const knobs = { ...deps.knobs, ...definedOnly(caller.account.knobs) };
  if (!rates.get(deps)!.admit(caller.account.knobs.throttlePerSecond !== undefined ? caller.account.id : '*', knobs.throttlePerSecond, deps.now())) {
    return fail(throttled(service));
  }
  if (knobs.faultRate > 0 && exchange.random() < knobs.faultRate) {
    return fail(
      exchange.random() < 0.5
        ? new SimError('InternalFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.')
        : new SimError('ServiceUnavailable', 503, 'The request has failed due to a temporary failure of the server.'),
    );
  }
  if (caller.key) caller.key.lastUsed = { date: exchange.serverNow(), serviceName: service.signingName, region };
  const serverNow = exchange.serverNow();
  const context: OperationContext = {
    world: deps.world,
    caller,
    region,
    params: routed.params,
    input: routed.input,
    serverNow,
    propagationDelayMs: deps.knobs.propagationDelayMs,
    authorize: authorizer(deps, service, caller, region, serverNow),
  };
  const loseAnswer = takeDroppedAnswer(deps.knobs, caller.account.knobs, operation);
  let response: WireResponse;
  try {
    const result = await service.operations[operation]!(context);
    response = render(service, operation, { result }, exchange);
  } catch (error) {
    if (!(error instanceof SimError)) throw error;
    response = fail(error);
  }
  if (loseAnswer) {
    entry.errorCode = response.status >= 400 ? errorCodeOf(response) : null;
    return 'drop-answer';
  }
  return response;
}

/**
 * Throttling as each protocol reports it: query `Throttling` 400, awsJson `ThrottlingException`
 * 400, and the Account API's modeled `TooManyRequestsException` 429 (botocore account model).
 */
function throttled(service: ServiceDefinition): SimError {
  if (service.protocol === 'query') return new SimError('Throttling', 400, 'Rate exceeded');
  if (service.protocol === 'json') return new SimError('ThrottlingException', 400, 'Rate exceeded');
  return new SimError('TooManyRequestsException', 429, 'Rate exceeded', 'Sender', service.namespace);
}

const definedOnly = <T extends object>(value: T): Partial<T> => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

const rates = new WeakMap<ServerDeps, RateLimiter>();

/** Starts the HTTP server on 127.0.0.1 and resolves once it listens. */
export async function startServer(deps: ServerDeps, port = 0): Promise<{ server: Server; port: number }> {
  rates.set(deps, new RateLimiter());
  let random = seededRandom(deps.knobs.seed);
  let seed = deps.knobs.seed;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (deps.knobs.seed !== seed) {
      seed = deps.knobs.seed;
      random = seededRandom(seed);
    }
    void handle(deps, new Exchange(deps, random), req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

async function handle(deps: ServerDeps, exchange: Exchange, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const userAgent = req.headers['user-agent'] ?? null;
  const entry: RequestLogEntry = { service: 'unknown', operation: '', region: '', accessKeyId: null, status: 0, errorCode: null, at: deps.now(), userAgent };
  let response: WireResponse | Dropped;
  try {
    const body = await readBody(req);
    if (body === null) {
      response = { status: 413, headers: { 'content-type': 'text/plain' }, body: 'Request entity too large' };
    } else {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: ReceivedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: parseQuery(url.searchParams),
        headers: flatHeaders(req),
        body,
      };
      response = ssoRequest(deps, request, entry) ?? (await processRequest(deps, exchange, request, entry));
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    response = { status: 500, headers: { 'content-type': 'text/plain' }, body: `Simulator failure: ${message}` };
  }
  const latency = exchange.account?.knobs.latencyMs ?? deps.knobs.latencyMs;
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  if (response === 'drop' || response === 'drop-answer') {
    entry.status = 0;
    // A lost answer keeps the error the operation would have sent (null after it succeeded).
    entry.errorCode = response === 'drop' ? 'ConnectionDropped' : `AnswerDropped${entry.errorCode ? `:${entry.errorCode}` : ''}`;
    deps.log.push(entry);
    req.socket.destroy();
    return;
  }
  entry.status = response.status;
  entry.errorCode = response.status >= 400 ? errorCodeOf(response) : null;
  deps.log.push(entry);
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  res.end(response.body);
}

function errorCodeOf(response: WireResponse): string {
  const header = response.headers['x-amzn-ErrorType'];
  if (header) return header.split(':')[0]!;
  return /<Code>([^<]+)<\/Code>/.exec(response.body)?.[1] ?? `HTTP${response.status}`;
}

/** The unsigned IAM Identity Center operations (OIDC and portal), or null for every other request. */
function ssoRequest(deps: ServerDeps, request: ReceivedRequest, entry: RequestLogEntry): WireResponse | null {
  if (!deps.sso || request.headers.authorization !== undefined) return null;
  const now = deps.now();
  const oidc = ssoOidcResponse(deps.sso, request, now);
  const portal = oidc ? null : ssoPortalResponse(deps.sso, deps.world, request, now);
  const answered = oidc ?? portal;
  if (!answered) return null;
  entry.service = oidc ? 'sso-oidc' : 'sso';
  entry.operation = answered.operation;
  return answered.response;
}
