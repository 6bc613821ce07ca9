import type { Caller, SimWorld } from './world';
import type { XmlValue } from './wire';

/** What an operation handler gets for one authenticated request. */
export interface OperationContext {
  world: SimWorld;
  caller: Caller;
  /** Region the request was signed for (IAM and Account: always us-east-1, their home region). */
  region: string;
  /** Query parameters (query protocol) — flattened `A.member.1` style keys. */
  params: Readonly<Record<string, string>>;
  /** Parsed JSON body (JSON protocols); `{}` for query. */
  input: Readonly<Record<string, unknown>>;
  /** The server's clock for this account (true time plus configured offsets). */
  serverNow: Date;
  /** The simulator's current knob for IAM propagation delay. */
  propagationDelayMs: number;
  /** Throws AWS's AccessDenied unless policy allows `action` on `resource`; `resourceText` is how the message names it. */
  authorize(action: string, resource: string, resourceText?: string): void;
}

/** A handler's result: an XML record (query) or a JSON object (JSON protocols). */
export type OperationResult = Record<string, XmlValue> | Record<string, unknown> | null;

/** One operation of a service. */
export type OperationHandler = (context: OperationContext) => OperationResult | Promise<OperationResult>;

/** How a service speaks and what it implements. */
export interface ServiceDefinition {
  signingName: string;
  protocol: 'query' | 'json' | 'rest-json';
  /** XML namespace (query) or the JSON error namespace (`com.amazonaws.memorydb`). */
  namespace: string;
  /** awsJson only: the X-Amz-Target prefix before `.<Operation>`. */
  targetPrefix?: string;
  /** API version, echoed in query-protocol "Could not find operation" errors. */
  version: string;
  /** Regional services take the region from the credential scope; global ones pin it. */
  homeRegion?: string;
  accessDeniedCode: 'AccessDenied' | 'AccessDeniedException';
  operations: Readonly<Record<string, OperationHandler>>;
}

/** Reads `Name.member.N` query parameters into a list, in order. */
export function memberList(params: Readonly<Record<string, string>>, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params[`${name}.member.${i}`] !== undefined; i++) out.push(params[`${name}.member.${i}`]!);
  return out;
}
