/**
 * The one classification of AWS errors, used by the diagnosis and the rotation alike. It keys
 * on the error's name (the service's code as SDK v3 surfaces it), never on the HTTP status
 * alone: AWS's own pages disagree on statuses (docs/aws-behaviour.md §1.3), the names do not.
 *
 * SDK v3 names a modeled error by its shape, not by its wire code: IAM's `LimitExceeded`,
 * `NoSuchEntity` and `InvalidInput` arrive as `LimitExceededException`, `NoSuchEntityException`
 * and `InvalidInputException` (aws-sdk-js-v3 clients/client-iam/src/models/errors.ts, where each
 * shape carries its query code in `awsQueryError`). Unmodeled codes (`InvalidClientTokenId`,
 * `ExpiredToken` from STS's front door) keep the wire code. Both spellings are listed so an
 * error read from a raw body (a non-AWS endpoint) classifies the same as one the SDK parsed.
 */

/** What kind of failure an AWS call ended in. */
export type FailureKind =
  /** The key id is not accepted: unknown, deleted, inactive, not yet propagated, or a region that does not know it. */
  | 'key-rejected'
  /** The signature does not match (wrong secret) or its time is outside the service's window. */
  | 'signature'
  | 'incomplete-signature'
  /** The session token has expired (or, for a long-term key, a stray token was sent). */
  | 'expired'
  | 'access-denied'
  /** STS is not activated in the region, or the account is not subscribed (query-style OptInRequired). */
  | 'region-disabled'
  | 'throttled'
  /** A quota is full (IAM's two access keys per user); waiting does not help. */
  | 'limit-exceeded'
  | 'not-found'
  | 'invalid-input'
  /** 5xx: the service may or may not have done the work. */
  | 'server'
  /** No answer at all (DNS, refused, reset, timeout): the request may or may not have been executed. */
  | 'network'
  | 'aborted'
  /** The SDK's credential chain failed before any request. */
  | 'credentials'
  /** An answer the SDK could not read (a non-AWS endpoint). */
  | 'unparseable'
  | 'other';

const kindsByName: Readonly<Record<string, FailureKind>> = {
  InvalidClientTokenId: 'key-rejected',
  UnrecognizedClientException: 'key-rejected',
  AuthFailure: 'key-rejected',
  InvalidAccessKeyId: 'key-rejected',
  SignatureDoesNotMatch: 'signature',
  InvalidSignatureException: 'signature',
  RequestExpired: 'signature',
  RequestTimeTooSkewed: 'signature',
  RequestInTheFuture: 'signature',
  IncompleteSignature: 'incomplete-signature',
  IncompleteSignatureException: 'incomplete-signature',
  MissingAuthenticationToken: 'incomplete-signature',
  MissingAuthenticationTokenException: 'incomplete-signature',
  ExpiredToken: 'expired',
  ExpiredTokenException: 'expired',
  TokenRefreshRequired: 'expired',
  AccessDenied: 'access-denied',
  AccessDeniedException: 'access-denied',
  UnauthorizedOperation: 'access-denied',
  AuthorizationError: 'access-denied',
  // The query-style common errors the MemoryDB API reference lists (CommonErrors): a front end may return them.
  NotAuthorized: 'access-denied',
  RegionDisabledException: 'region-disabled',
  OptInRequired: 'region-disabled',
  Throttling: 'throttled',
  ThrottlingException: 'throttled',
  TooManyRequestsException: 'throttled',
  RequestLimitExceeded: 'throttled',
  SlowDown: 'throttled',
  LimitExceeded: 'limit-exceeded',
  LimitExceededException: 'limit-exceeded',
  ClusterNotFoundFault: 'not-found',
  UserNotFoundFault: 'not-found',
  ACLNotFoundFault: 'not-found',
  NoSuchEntity: 'not-found',
  NoSuchEntityException: 'not-found',
  InvalidInput: 'invalid-input',
  InvalidInputException: 'invalid-input',
  InvalidParameterValueException: 'invalid-input',
  InvalidParameterCombinationException: 'invalid-input',
  InvalidParameterValue: 'invalid-input',
  InvalidParameterCombination: 'invalid-input',
  ValidationException: 'invalid-input',
  ValidationError: 'invalid-input',
  MalformedQueryString: 'invalid-input',
  CredentialsProviderError: 'credentials',
  AbortError: 'aborted',
  // The rotation's own cancellation, thrown between AWS calls.
  RotationCancelled: 'aborted',
  InternalFailure: 'server',
  ServiceUnavailable: 'server',
  ServiceFailure: 'server',
  ServiceFailureException: 'server',
};

/** Node socket and DNS codes, and the SDK's timeout names: no answer came. */
const networkNames = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
  'RequestTimeout',
]);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
}

function shape(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
}

/** The service's error code (`err.name`), or `Error` when there is none. */
export function awsErrorName(error: unknown): string {
  const name = shape(error).name;
  return typeof name === 'string' && name !== '' ? name : 'Error';
}

/** The error's message, exactly as AWS (or Node) gave it. */
export function awsErrorMessage(error: unknown): string {
  const message = shape(error).message;
  return typeof message === 'string' ? message : String(error);
}

/** The HTTP status the service answered with, when it answered at all. */
export function awsHttpStatus(error: unknown): number | undefined {
  const status = shape(error).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The Node system code (`ENOTFOUND`, `ECONNRESET`...) of a transport failure, if any. */
export function networkCodeOf(error: unknown): string | undefined {
  const code = shape(error).code;
  return typeof code === 'string' && networkNames.has(code) ? code : undefined;
}

/** True for a failure that a known AWS name classifies (as opposed to a status-only guess). */
export function isKnownAwsErrorName(name: string): boolean {
  return kindsByName[name] !== undefined;
}

/**
 * The kind of a failure from its name, the Node error code and the HTTP status: the name
 * decides; without a known name, a socket code means no answer, 5xx a server fault, 429
 * throttling, and no status at all means no answer came.
 */
export function kindOfFailure(name: string, httpStatus: number | undefined, code?: string): FailureKind {
  const byName = kindsByName[name];
  if (byName) return byName;
  if ((code && networkNames.has(code)) || networkNames.has(name)) return 'network';
  if (httpStatus !== undefined && httpStatus >= 500) return 'server';
  if (httpStatus === 429) return 'throttled';
  return 'other';
}

/** Classifies an SDK error. An error without any HTTP answer is a network failure unless its name says otherwise. */
export function classifyAwsError(error: unknown): FailureKind {
  const name = awsErrorName(error);
  const status = awsHttpStatus(error);
  const code = shape(error).code;
  const kind = kindOfFailure(name, status, typeof code === 'string' ? code : undefined);
  if (kind === 'other' && status === undefined && error instanceof Error) return 'network';
  return kind;
}

/** True when the key, its signature or its token was refused (as opposed to a permission or a fault). */
export function isAuthRejection(kind: FailureKind): boolean {
  return kind === 'key-rejected' || kind === 'signature' || kind === 'incomplete-signature' || kind === 'expired';
}

/**
 * Error names the SDK's default retry strategy must not retry for us. The standard strategy
 * treats every name in @smithy/core's THROTTLING_ERROR_CODES as throttling, and that list holds
 * `LimitExceededException` — IAM's full quota (two keys per user), which no wait can free.
 */
export const notRetriedErrorNames: ReadonlySet<string> = new Set(['LimitExceededException']);
