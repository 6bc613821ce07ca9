/**
 * How the rotation reads an AWS SDK error. We key on `error.name` (the service's code), never
 * on the HTTP status alone, because AWS's own pages disagree on statuses (AWS-FACTS §1.3).
 */

/** What kind of failure an SDK call ended in, as far as the rotation cares. */
export type AwsFailureKind =
  /** The key id or signature was not accepted (unknown, inactive, not yet propagated, wrong secret). */
  | 'auth-rejected'
  | 'access-denied'
  | 'throttled'
  | 'limit-exceeded'
  | 'no-such-entity'
  /** 5xx: the service may or may not have done the work. */
  | 'server'
  /** No answer at all (timeout, reset, refused): the request may or may not have been executed. */
  | 'network'
  | 'cancelled'
  | 'other';

const authRejectedNames = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'AuthFailure',
]);
const accessDeniedNames = new Set(['AccessDenied', 'AccessDeniedException']);
const throttledNames = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);
const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
}

function shape(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
}

/** The service's error code (`err.name`), or a short description of a non-service failure. */
export function awsErrorName(error: unknown): string {
  const name = shape(error).name;
  return typeof name === 'string' && name !== '' ? name : 'Error';
}

/** The error's message, without anything but the text AWS (or Node) gave. */
export function awsErrorMessage(error: unknown): string {
  const message = shape(error).message;
  return typeof message === 'string' ? message : String(error);
}

/** The HTTP status the service answered with, when it answered at all. */
export function awsHttpStatus(error: unknown): number | undefined {
  const status = shape(error).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Classifies an SDK error for the rotation's decisions. */
export function classifyAwsError(error: unknown): AwsFailureKind {
  const name = awsErrorName(error);
  const code = shape(error).code;
  if (name === 'AbortError' || name === 'RotationCancelled') return 'cancelled';
  if (authRejectedNames.has(name)) return 'auth-rejected';
  if (accessDeniedNames.has(name)) return 'access-denied';
  if (throttledNames.has(name)) return 'throttled';
  if (name === 'LimitExceeded' || name === 'LimitExceededException') return 'limit-exceeded';
  if (name === 'NoSuchEntity' || name === 'NoSuchEntityException') return 'no-such-entity';
  const status = awsHttpStatus(error);
  if (status !== undefined && status >= 500) return 'server';
  if (name === 'TimeoutError' || name === 'RequestTimeout' || (typeof code === 'string' && networkCodes.has(code))) return 'network';
  if (status === undefined) return 'network';
  return 'other';
}

/** True when a failed call may still have been carried out by AWS, so the world must be re-read. */
export function mayHaveExecuted(error: unknown): boolean {
  const kind = classifyAwsError(error);
  return kind === 'server' || kind === 'network' || kind === 'cancelled';
}

/** True when waiting and trying again could help (propagation, throttling, outages). */
export function isWorthRetrying(error: unknown): boolean {
  const kind = classifyAwsError(error);
  return kind === 'auth-rejected' || kind === 'throttled' || kind === 'server' || kind === 'network';
}

/** One line for a person: code, status and message. */
export function describeAwsError(error: unknown): string {
  const status = awsHttpStatus(error);
  return `${awsErrorName(error)}${status !== undefined ? ` (HTTP ${status})` : ''}: ${awsErrorMessage(error)}`;
}
